package dev.quarry.index.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the checksum of every file of the last commit in the background once an index opens, so flipped bytes in
 * vectors or stored text are found before they are served silently. A damaged index reports a problem, which turns
 * readiness false. The check stops between segments when the index closes; its thread is never interrupted.
 */
final class IntegrityCheck {

    private static final String ADVICE = "Run `quarry check` for details; restore the index from a snapshot or backup, or"
            + " rebuild it with `quarry ingest --rebuild <folder>`";
    private static final Logger log = LoggerFactory.getLogger(IntegrityCheck.class);

    private final Path dir;
    private final Directory directory;
    private volatile boolean stopping;
    private volatile String damage;
    private CompletableFuture<Void> done;

    private IntegrityCheck(Path dir, Directory directory) {
        this.dir = dir;
        this.directory = directory;
    }

    static IntegrityCheck start(Path dir, Directory directory) {
        IntegrityCheck check = new IntegrityCheck(dir, directory);
        check.done = CompletableFuture.runAsync(check::run, task -> Thread.ofPlatform().name("quarry-integrity").daemon().start(task));
        return check;
    }

    private void run() {
        long started = System.nanoTime();
        try {
            if (!DirectoryReader.indexExists(directory)) return;
            int segments = 0;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    if (stopping) return;
                    ((CodecReader) leaf.reader()).checkIntegrity();
                    segments++;
                }
            }
            log.info("Verified the checksums of the index at {}: {} segments in {} ms", dir, segments,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            if (!stopping) damaged(e);
        }
    }

    /** Records damage found by the check or by a search, so readiness turns false; returns the problem to report. */
    String damaged(Exception e) {
        if (damage == null) log.error("The index at {} is damaged: {}. {}", dir, e.getMessage(), ADVICE);
        damage = "the index at " + dir + " is damaged: " + e.getMessage() + ". " + ADVICE;
        return damage;
    }

    Optional<String> problem() {
        return Optional.ofNullable(damage);
    }

    /** Ends the check at its next segment and waits for it, before the directory closes. */
    void stop() {
        stopping = true;
        // join() waits through interrupts: the directory must not close under the check.
        done.join();
    }
}
