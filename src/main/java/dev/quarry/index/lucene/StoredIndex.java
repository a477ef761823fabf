package dev.quarry.index.lucene;

import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * What an index generation on disk holds, read from its last commit without opening it for writing or searching: an
 * index kept for rollback is described while the server holds another generation of the collection.
 */
public record StoredIndex(IndexManifest manifest, int chunks, long bytes) {

    public static StoredIndex read(Path dir) {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) throw new IndexException("there is no index at " + dir);
            IndexManifest manifest = IndexManifest.fromMap(DirectoryReader.listCommits(directory).getLast().getUserData());
            if (manifest == null) throw new IndexException("the folder " + dir + " holds a Lucene index that Quarry did not write");
            int chunks;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                chunks = reader.numDocs();
            }
            return new StoredIndex(manifest, chunks, bytes(dir));
        } catch (IOException e) {
            throw new IndexException("cannot read the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
