package dev.quarry.embed;

import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which ONNX Runtime thread settings serve a query best, idle and while the same embedder embeds passages (an ingest):
 * one thread per core (Quarry's default), the same without spin-waiting between parallel sections, and one thread.
 * Settings take turns within each round. Part of {@code scripts/bench-embed}.
 */
final class QueryThreadsBench {

    private static final int ROUNDS = 3;
    private static final int QUERIES = 60;

    private record Setting(String name, OnnxEmbedder embedder, List<Long> idle, List<Long> loaded, AtomicLong passages,
                           double[] loadedSeconds) {
    }

    static void run(OnnxModelSpec spec, int cores, Path queriesFrom, List<String> passages) throws Exception {
        List<String> queries = QueryLatencyBench.queries(queriesFrom, QUERIES);
        List<Setting> settings = new ArrayList<>();
        try {
            settings.add(setting(cores + " threads (default)", spec, OnnxEmbedder.sessionOptions(cores)));
            OrtSession.SessionOptions noSpin = OnnxEmbedder.sessionOptions(cores);
            noSpin.addConfigEntry("session.intra_op.allow_spinning", "0");
            settings.add(setting(cores + " threads, no spin-wait", spec, noSpin));
            settings.add(setting("1 thread", spec, OnnxEmbedder.sessionOptions(1)));
            for (Setting s : settings) queries.forEach(s.embedder()::embedQuery);
            for (int r = 0; r < ROUNDS; r++) {
                for (Setting s : settings) {
                    for (String q : queries) s.idle().add(nanos(() -> s.embedder().embedQuery(q)));
                    underLoad(s, queries, passages);
                }
            }
            System.out.printf("%n%d queries, %s, %d rounds; loaded: while another thread embeds passages with the same embedder%n",
                    queries.size(), spec.id(), ROUNDS);
            System.out.printf("%-28s %10s %10s %12s %12s %14s%n", "ONNX Runtime threads", "idle p50", "idle p99",
                    "loaded p50", "loaded p99", "passages/s");
            for (Setting s : settings) {
                System.out.printf("%-28s %10.2f %10.2f %12.2f %12.2f %14.1f%n", s.name(), p(s.idle(), 50), p(s.idle(), 99),
                        p(s.loaded(), 50), p(s.loaded(), 99), s.passages().get() / s.loadedSeconds()[0]);
            }
        } finally {
            settings.forEach(s -> s.embedder().close());
        }
    }

    private static Setting setting(String name, OnnxModelSpec spec, OrtSession.SessionOptions options) {
        return new Setting(name, new OnnxEmbedder(spec, 32, options), new ArrayList<>(), new ArrayList<>(), new AtomicLong(),
                new double[1]);
    }

    /** Queries while a second thread embeds batches of passages; it stops after its current batch. */
    private static void underLoad(Setting s, List<String> queries, List<String> passages) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread ingest = Thread.ofPlatform().start(() -> {
            for (int from = 0; !stop.get(); from = (from + 32) % (passages.size() - 32)) {
                s.embedder().embedPassages(passages.subList(from, from + 32));
                s.passages().addAndGet(32);
            }
        });
        long started = System.nanoTime();
        for (String q : queries) s.loaded().add(nanos(() -> s.embedder().embedQuery(q)));
        stop.set(true);
        ingest.join();
        s.loadedSeconds()[0] += (System.nanoTime() - started) / 1e9;
    }

    private static double p(List<Long> nanos, int percentile) {
        return QueryLatencyBench.percentile(nanos.stream().mapToLong(Long::longValue).toArray(), percentile);
    }

    private static long nanos(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }
}
