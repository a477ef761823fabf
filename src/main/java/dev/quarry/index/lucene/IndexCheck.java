package dev.quarry.index.lucene;

import dev.quarry.index.IndexException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * Lucene's CheckIndex over an index folder, read-only: it verifies every checksum and decodes every structure without
 * taking the write lock (so it runs beside a server) and never repairs anything.
 */
public final class IndexCheck {

    /** The outcome: {@code problems} is empty when the index is clean; {@code versions} null when no commit is readable. */
    public record Result(Path dir, int segments, long chunks, double sizeMb, IndexVersions versions, List<String> problems,
                         String details) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private IndexCheck() {
    }

    public static Result run(Path dir) {
        if (!Files.isDirectory(dir)) throw new IndexException("there is no index at " + dir + ": nothing to check");
        ByteArrayOutputStream details = new ByteArrayOutputStream();
        try (FSDirectory directory = FSDirectory.open(dir);
             CheckIndex checker = new CheckIndex(directory, NoLockFactory.INSTANCE.obtainLock(directory, IndexWriter.WRITE_LOCK_NAME))) {
            IndexVersions versions = versions(dir, directory);
            checker.setInfoStream(new PrintStream(details, true, StandardCharsets.UTF_8), false);
            CheckIndex.Status status = checker.checkIndex();
            List<String> problems = new ArrayList<>();
            if (status.missingSegments) problems.add("no commit point (segments_N) can be read");
            long chunks = 0;
            double sizeMb = 0;
            for (CheckIndex.Status.SegmentInfoStatus segment : status.segmentInfos) {
                sizeMb += segment.sizeMB;
                chunks += segment.maxDoc - (segment.liveDocStatus == null ? 0 : segment.liveDocStatus.numDeleted);
                if (segment.error != null) {
                    problems.add("segment " + segment.name + " (" + segment.maxDoc + " chunks) is damaged: " + segment.error.getMessage());
                }
            }
            if (!status.clean && problems.isEmpty()) problems.add("CheckIndex reports the index as not clean");
            return new Result(dir, status.numSegments, chunks, sizeMb, versions, problems, details.toString(StandardCharsets.UTF_8));
        } catch (IndexNotFoundException e) {
            return new Result(dir, 0, 0, 0, null, List.of("no commit point (segments_N) can be read: " + e.getMessage()),
                    details.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IndexException("cannot check the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * An index too old to read fails here with what to do, rather than as an unreadable commit; a commit that cannot
     * be read for another reason is left to CheckIndex to report.
     */
    private static IndexVersions versions(Path dir, Directory directory) {
        try {
            return IndexVersions.read(dir, directory);
        } catch (IOException e) {
            return null;
        }
    }
}
