package dev.quarry.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of an index: API ingests, folder-watcher syncs and deletes all run here, one at a time in
 * submission order, so two runs never interleave their reads of the index with each other's writes (which left
 * files at older content for good). Closing never interrupts the writing thread, since an interrupt during NIO
 * closes Lucene's channels: it raises {@link #stopping()}, which a running ingest checks between batches, and waits.
 */
public final class WriteQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("quarry-writer").factory());
    private volatile boolean stopping;

    /** Runs {@code work} after every write submitted before it; fails with {@link IngestException} once closing. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (stopping) throw IngestException.stopping(null);
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } catch (RejectedExecutionException e) {
            throw IngestException.stopping(e);
        }
    }

    /** Runs {@code work} in turn and waits for it; its unchecked failure is rethrown as it was. */
    public <T> T run(Supplier<T> work) {
        try {
            return submit(work).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** True once {@link #close()} has begun: a long write should end at its next safe point. */
    public boolean stopping() {
        return stopping;
    }

    /** Stops accepting writes, lets the running one reach a safe point and the queued ones finish, then returns. */
    @Override
    public void close() {
        stopping = true;
        awaitSafePoint(thread, "the write in flight");
    }

    /**
     * Shuts {@code thread} down and waits, however long it takes, for what it runs to reach a safe point: it writes an
     * index, so it is never interrupted, and an interrupt of the waiting thread is kept for after.
     */
    public static void awaitSafePoint(ExecutorService thread, String running) {
        thread.shutdown();
        long started = System.nanoTime();
        boolean interrupted = false;
        while (true) {
            try {
                if (thread.awaitTermination(10, TimeUnit.SECONDS)) break;
                log.info("Waiting for {} to reach a safe point ({} s)", running,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            } catch (InterruptedException e) {
                // Keep waiting: leaving now would close the index under the writer. Restore the flag afterwards.
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
