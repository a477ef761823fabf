package dev.quarry.ingest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in sync with a folder: file system events (create, modify, delete, rename, in any subfolder)
 * mark it dirty, and once the folder has been quiet for the debounce period (or, under a steady stream of changes,
 * twenty periods after the first) an incremental ingest runs through the index's {@link WriteQueue}, in turn with
 * every other write. Renames and bursts of saves therefore cost one pass, and the pass embeds only what changed.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** A folder that never goes quiet (a steady stream of saves) is still synced this many debounce periods apart. */
    private static final int MAX_DELAY_IN_DEBOUNCES = 20;

    private final Supplier<Ingester> ingester;
    private final WriteQueue writes;
    private final String source;
    private final Path root;
    private final Path folder;
    private final Duration debounce;
    private final Consumer<IngestReport> onSync;
    private final WatchService watcher;
    private final CompletableFuture<Void> watching;
    private volatile boolean closed;

    public FolderWatcher(Ingester ingester, WriteQueue writes, Path folder, Duration debounce,
                         Consumer<IngestReport> onSync) {
        this(() -> ingester, writes, Ingester.UNNAMED, folder, folder, debounce, onSync);
    }

    /**
     * Keeps {@code folder}, inside the folder {@code root} of the source {@code source}, in sync with the index that
     * {@code ingester} writes to when a sync runs (a reindex may swap it meanwhile).
     */
    public FolderWatcher(Supplier<Ingester> ingester, WriteQueue writes, String source, Path root, Path folder, Duration debounce,
                         Consumer<IngestReport> onSync) {
        this.ingester = ingester;
        this.writes = writes;
        this.source = source;
        this.root = root;
        this.folder = folder;
        this.debounce = debounce;
        this.onSync = onSync;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            registerTree(folder);
        } catch (IOException e) {
            throw new IngestException("cannot watch " + folder + ": " + e.getMessage(), e);
        }
        this.watching = CompletableFuture.runAsync(this::loop, task -> Thread.ofPlatform().name("quarry-watch").daemon().start(task));
        log.info("Watching {} for changes (debounce {} ms)", folder, debounce.toMillis());
    }

    private void loop() {
        long dirtySince = -1;
        long maxDelay = debounce.toNanos() * MAX_DELAY_IN_DEBOUNCES;
        while (!closed) {
            try {
                WatchKey key;
                if (dirtySince < 0) {
                    key = watcher.take();
                } else {
                    long untilForced = Math.max(0, dirtySince + maxDelay - System.nanoTime());
                    key = watcher.poll(Math.min(debounce.toNanos(), untilForced), TimeUnit.NANOSECONDS);
                }
                if (key != null) {
                    registerCreatedFolders(key);
                    key.reset();
                    if (dirtySince < 0) dirtySince = System.nanoTime();
                }
                if (dirtySince >= 0 && (key == null || System.nanoTime() - dirtySince >= maxDelay)) {
                    dirtySince = -1;
                    sync();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (IOException e) {
                log.warn("Watching {} failed to register a new folder: {}", folder, e.getMessage());
            }
        }
    }

    private void registerCreatedFolders(WatchKey key) throws IOException {
        for (var event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = ((Path) key.watchable()).resolve(name);
                if (Files.isDirectory(created, java.nio.file.LinkOption.NOFOLLOW_LINKS)) registerTree(created);
            }
        }
    }

    private void sync() {
        try {
            onSync.accept(writes.run(() -> ingester.get().ingest(source, root, folder, IngestProgress.NONE, () -> closed || writes.stopping())));
        } catch (IngestStoppedException e) {
            log.info("Sync of {} stopped: {}", folder, e.getMessage());
        } catch (RuntimeException e) {
            if (!closed) log.warn("Sync of {} failed, will retry on the next change: {}", folder, e.getMessage());
        }
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(dir) && d.getFileName().toString().startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Stops watching and waits for a sync in flight to reach its next batch and commit. The watch thread is never
     * interrupted: it may be waiting on an index write, and an interrupt during NIO closes Lucene's channels.
     */
    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            log.warn("Closing the watcher of {} failed: {}", folder, e.getMessage());
        }
        // join() waits through interrupts, for a sync in flight to reach its safe point.
        watching.exceptionally(e -> {
            log.warn("Watching {} had failed: {}", folder, e.getMessage());
            return null;
        }).join();
    }
}
