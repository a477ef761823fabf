package dev.quarry.index.lucene;

import dev.quarry.index.IndexException;
import dev.quarry.index.PinnedCommit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;

/** Describes a pinned Lucene commit: its files with their sizes and footer checksums, and its counts. */
final class CommitPins {

    private CommitPins() {
    }

    static PinnedCommit describe(Path dir, Directory directory, IndexCommit commit, Runnable release) throws IOException {
        List<PinnedCommit.File> files = new ArrayList<>();
        for (String name : commit.getFileNames()) {
            try (IndexInput in = directory.openInput(name, IOContext.READONCE)) {
                // Only the footer is read: the checksum lets a later snapshot recognize a file it already holds.
                files.add(new PinnedCommit.File(name, in.length(), CodecUtil.retrieveChecksum(in)));
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(commit)) {
            int documents = IndexScans.documentHashes(new IndexSearcher(reader)).size();
            return new PinnedCommit(dir, files, commit.getUserData(), documents, reader.numDocs(), release);
        }
    }

    /**
     * The last commit of the index in {@code dir} while no process writes it (the command line, with no server):
     * the write lock is held until the pin is closed, so nothing can delete its files meanwhile.
     */
    static PinnedCommit pinIdle(Path dir) {
        FSDirectory directory = null;
        Lock lock = null;
        try {
            directory = FSDirectory.open(dir);
            lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
            if (!DirectoryReader.indexExists(directory)) throw new IndexException("there is no index at " + dir + " to snapshot");
            FSDirectory held = directory;
            Lock locked = lock;
            return describe(dir, directory, DirectoryReader.listCommits(directory).getLast(), () -> closeQuietly(locked, held));
        } catch (LockObtainFailedException e) {
            closeQuietly(lock, directory);
            throw new IndexException("the index at " + dir + " is in use by another Quarry process (a running server?):"
                    + " take the snapshot through its API, POST /v1/collections/{name}/snapshots", e);
        } catch (IOException e) {
            closeQuietly(lock, directory);
            throw new IndexException("cannot read the index at " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lock, directory);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) continue;
            try {
                r.close();
            } catch (Exception ignored) {
                // Releasing after the copy: nothing is left to protect.
            }
        }
    }
}
