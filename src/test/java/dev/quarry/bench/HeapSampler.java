package dev.quarry.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a benchmark's JVM holds while it works: the live heap (what the collector left after its latest collection,
 * the figure a heap limit must cover), the heap in use including garbage, the share of time spent collecting, and
 * the process's resident memory from {@code /proc/self/status}.
 */
final class HeapSampler implements AutoCloseable {

    private final Thread thread;
    private final long gcMillisAtStart = gcMillis();
    private final long startedNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile long maxLive;
    private volatile long maxUsed;

    private HeapSampler() {
        thread = Thread.ofPlatform().name("heap-sampler").daemon().start(this::run);
    }

    static HeapSampler start() {
        return new HeapSampler();
    }

    private void run() {
        while (running) {
            maxLive = Math.max(maxLive, liveAfterLastGc());
            maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long maxLiveBytes() {
        return maxLive;
    }

    long maxUsedBytes() {
        return maxUsed;
    }

    /** Share of the wall time since the start spent in collections. */
    double gcShare() {
        return (gcMillis() - gcMillisAtStart) / ((System.nanoTime() - startedNanos) / 1e6);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Heap in use right after a full collection. */
    static long liveNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long liveAfterLastGc() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) live += pool.getCollectionUsage().getUsed();
        }
        return live;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
        return total;
    }

    /** A line of {@code /proc/self/status} in bytes (VmRSS, VmHWM, RssAnon, RssFile), or -1 where there is none. */
    static long status(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
