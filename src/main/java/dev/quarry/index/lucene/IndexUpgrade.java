package dev.quarry.index.lucene;

import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexUpgrader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * Rewrites the segments of an index that older Lucene versions wrote in the format of the Lucene Quarry runs, in
 * place, with Lucene's {@link IndexUpgrader}: searches then no longer go through the backward codecs, and the vectors
 * get Quarry's HNSW settings. The commit's user data (the manifest and the sources) is carried over as it is. Only
 * while no process holds the index: a server that held it would keep serving the replaced segments.
 */
public final class IndexUpgrade {

    /** The index's versions before and after. */
    public record Result(Path dir, IndexVersions before, IndexVersions after) {
    }

    private IndexUpgrade() {
    }

    public static Result run(Path dir, HnswSettings hnsw) {
        LuceneChunkIndex.ensureNotInUse(dir);
        try (FSDirectory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) throw new IndexException("there is no index at " + dir + ": nothing to upgrade");
            IndexVersions before = IndexVersions.read(dir, directory);
            if (IndexManifest.fromMap(SegmentInfos.readLatestCommit(directory).getUserData()) == null) {
                throw new IndexException("the folder " + dir + " holds a Lucene index that Quarry did not write: not upgrading it");
            }
            // Quarry keeps one commit, and IndexUpgrader then refuses to delete any other it finds.
            new IndexUpgrader(directory, OpenIndex.config(hnsw, true), false).upgrade();
            return new Result(dir, before, IndexVersions.read(dir, directory));
        } catch (IOException e) {
            throw new IndexException("cannot upgrade the index at " + dir + ": " + e.getMessage(), e);
        }
    }
}
