package dev.quarry.bench;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.Pooling;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.VectorFormat;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import dev.quarry.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A collection of a million chunks through Quarry's own index, with float or int7 vectors: build time and bytes per
 * chunk, then, in a JVM with Quarry's default heap, heap and resident memory after opening and under hybrid search
 * load, recall@10 against exact search, vector queries/s and hybrid latency. Run by {@code scripts/bench-scale},
 * which builds each format once (cached under target/bench), measures them in interleaved rounds and reports.
 * <pre>
 *   ScaleBench build   &lt;collection&gt; &lt;chunks&gt; &lt;float|int7&gt;
 *   ScaleBench measure &lt;collection&gt; &lt;chunks&gt; &lt;float|int7&gt;
 *   ScaleBench report  &lt;chunks&gt;
 * </pre>
 */
public final class ScaleBench {

    private static final Path CACHE = Path.of("target/bench");
    private static final int CHUNKS_PER_DOCUMENT = 4;
    private static final int WRITERS = 2;
    private static final IndexManifest MANIFEST = new IndexManifest(1, "bench", 384, "CLS", "", "", 512, 256, 32, true);
    private static final String HEADER = "format\tbytes/chunk\tbench data MiB\theap open MiB\theap live load MiB\theap used load MiB"
            + "\tgc %\tRSS MiB\tRSS anon MiB\tRSS file MiB\tHWM MiB\trecall@10\tvector q/s\thybrid p50 ms\thybrid p99 ms"
            + "\thybrid q/s 2 threads";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(ScaleCorpus.load(Path.of(args[1]), CACHE), Integer.parseInt(args[2]), format(args[3]));
            case "measure" -> measure(ScaleCorpus.load(Path.of(args[1]), CACHE), Integer.parseInt(args[2]), format(args[3]));
            case "report" -> report(Integer.parseInt(args[1]));
            case "candidates" -> candidates(ScaleCorpus.load(Path.of(args[1]), CACHE), Integer.parseInt(args[2]), format(args[3]), args[4]);
            default -> throw new IllegalArgumentException("build, measure or report, not " + args[0]);
        }
    }

    private static VectorFormat format(String name) {
        return VectorFormat.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static Path indexDir(int chunks, VectorFormat format) {
        return CACHE.resolve("scale-" + chunks + "-" + label(format));
    }

    private static String label(VectorFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    /** Writes the index through {@code replaceDocument} and merges it, as ingest does, unless a complete one is cached. */
    private static void build(ScaleCorpus corpus, int chunks, VectorFormat format) throws Exception {
        corpus.exactTopK(chunks, CACHE);
        Path dir = indexDir(chunks, format);
        Path done = dir.resolveSibling(dir.getFileName() + ".built");
        if (Files.exists(done)) {
            System.out.printf("%s: built already (%s)%n", label(format), Files.readString(done).strip());
            return;
        }
        deleteTree(dir);
        int documents = chunks / CHUNKS_PER_DOCUMENT;
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        HeapSampler heap = HeapSampler.start();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST, HnswSettings.DEFAULT.withVectors(format))) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(Thread.ofPlatform().start(() -> {
                    for (long d = next.getAndIncrement(); d < documents; d = next.getAndIncrement()) {
                        index.replaceDocument(ScaleCorpus.docId(d), corpus.document(d, CHUNKS_PER_DOCUMENT));
                        if ((d + 1) % 25_000 == 0) {
                            index.commit();
                            System.out.printf("  %s: %,d chunks, %.0f s%n", label(format), (d + 1) * CHUNKS_PER_DOCUMENT,
                                    (System.nanoTime() - started) / 1e9);
                        }
                    }
                }));
            }
            for (Thread t : writers) t.join();
            index.commit();
            // As an ingest ends: a large write is merged into one segment (ChunkIndex.mergeSegments).
            index.mergeSegments().join();
        }
        heap.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        String summary = String.format(Locale.ROOT, "%.0f s to write %,d chunks with %d threads and merge them; live heap at most %d MiB",
                seconds, chunks, WRITERS, heap.maxLiveBytes() >> 20);
        System.out.printf("%s: %s%n", label(format), summary);
        Files.writeString(done, summary + "\n");
    }

    /**
     * Recall@10 and vector queries/s of a built, merged index for each base number of candidates in {@code list}
     * (comma-separated), with the candidates a graph of that size explores.
     */
    private static void candidates(ScaleCorpus corpus, int chunks, VectorFormat format, String list) throws Exception {
        int[][] exact = corpus.exactTopK(chunks, CACHE);
        float[][] queries = corpus.queryVectors();
        System.out.printf("%-10s %10s %10s %10s%n", "base", "explored", "recall@10", "queries/s");
        for (String c : list.split(",")) {
            HnswSettings settings = new HnswSettings(HnswSettings.DEFAULT.m(), HnswSettings.DEFAULT.beamWidth(),
                    Integer.parseInt(c.strip())).withVectors(format);
            try (LuceneChunkIndex index = LuceneChunkIndex.openReadOnly(indexDir(chunks, format), MANIFEST, settings)) {
                for (int w = 0; w < 50; w++) index.vectorSearch(queries[w], ScaleCorpus.K, ChunkFilter.NONE);
                long started = System.nanoTime();
                double recall = ScaleCorpus.recall(index, queries, exact, CHUNKS_PER_DOCUMENT);
                double qps = queries.length / ((System.nanoTime() - started) / 1e9);
                System.out.printf("%-10s %10d %10.4f %10.0f%n", c, settings.candidatesFor(chunks), recall, qps);
            }
        }
    }

    /** Opens the index as a server does and measures it; appends one row to the results of this size. */
    private static void measure(ScaleCorpus corpus, int chunks, VectorFormat format) throws Exception {
        int[][] exact = corpus.exactTopK(chunks, CACHE);
        Path dir = indexDir(chunks, format);
        long bytes = indexBytes(dir);
        long before = HeapSampler.liveNow();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST, HnswSettings.DEFAULT.withVectors(format))) {
            awaitIntegrityCheck();
            long open = HeapSampler.liveNow();
            float[][] queries = corpus.queryVectors();
            for (int w = 0; w < 50; w++) index.vectorSearch(queries[w], ScaleCorpus.K, ChunkFilter.NONE);
            long started = System.nanoTime();
            double recall = ScaleCorpus.recall(index, queries, exact, CHUNKS_PER_DOCUMENT);
            double vectorQps = queries.length / ((System.nanoTime() - started) / 1e9);

            Map<String, float[]> embedded = new HashMap<>();
            List<String> texts = corpus.queryTexts();
            for (int q = 0; q < queries.length; q++) embedded.putIfAbsent(texts.get(q), queries[q]);
            List<String> hybrid = List.copyOf(embedded.keySet());
            Searcher searcher = new Searcher(index, new FixedEmbedder(embedded, corpus.dimensions()));
            for (String text : hybrid) searcher.search(SearchQuery.of(text, 10, SearchMode.HYBRID));
            double[] latencies = new double[3 * hybrid.size()];
            for (int i = 0; i < latencies.length; i++) {
                long t = System.nanoTime();
                searcher.search(SearchQuery.of(hybrid.get(i % hybrid.size()), 10, SearchMode.HYBRID));
                latencies[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(latencies);

            HeapSampler load = HeapSampler.start();
            started = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            int perClient = 4 * hybrid.size();
            for (int c = 0; c < 2; c++) {
                int offset = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perClient; i++) {
                        searcher.search(SearchQuery.of(hybrid.get((i + offset * 7) % hybrid.size()), 10, SearchMode.HYBRID));
                    }
                }));
            }
            for (Thread t : clients) t.join();
            double loadQps = 2 * perClient / ((System.nanoTime() - started) / 1e9);
            load.close();
            String row = String.join("\t", label(format), Long.toString(bytes / chunks), mib(before), mib(open), mib(load.maxLiveBytes()),
                    mib(load.maxUsedBytes()), fmt("%.1f", 100 * load.gcShare()), mib(HeapSampler.status("VmRSS")),
                    mib(HeapSampler.status("RssAnon")), mib(HeapSampler.status("RssFile")), mib(HeapSampler.status("VmHWM")),
                    fmt("%.4f", recall), fmt("%.0f", vectorQps),
                    fmt("%.1f", latencies[latencies.length / 2]), fmt("%.1f", latencies[(int) (latencies.length * 0.99)]),
                    fmt("%.1f", loadQps));
            System.out.println(HEADER);
            System.out.println(row);
            Files.writeString(results(chunks), row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Opening starts a checksum pass over every file in the background; measuring beside it would measure it too. */
    private static void awaitIntegrityCheck() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals("quarry-integrity")) t.join();
    }

    private static Path results(int chunks) {
        return CACHE.resolve("scale-" + chunks + "-results.tsv");
    }

    /** Each format's rows, then the median of each column and int7 against float. */
    private static void report(int chunks) throws IOException {
        Map<String, List<double[]>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(results(chunks))) {
            String[] cells = line.split("\t");
            rows.computeIfAbsent(cells[0], f -> new ArrayList<>())
                    .add(Arrays.stream(cells).skip(1).mapToDouble(Double::parseDouble).toArray());
        }
        System.out.printf("%,d chunks; median of %s rounds%n", chunks, rows.values().stream().map(r -> Integer.toString(r.size())).toList());
        String[] names = HEADER.split("\t");
        Map<String, double[]> medians = new TreeMap<>();
        rows.forEach((format, list) -> medians.put(format, median(list)));
        System.out.printf("%-22s %12s %12s %10s%n", "", "float", "int7", "int7/float");
        for (int c = 1; c < names.length; c++) {
            double f = medians.getOrDefault("float", new double[names.length])[c - 1];
            double i = medians.getOrDefault("int7", new double[names.length])[c - 1];
            System.out.printf("%-22s %12.4f %12.4f %10.3f%n", names[c], f, i, f == 0 ? Double.NaN : i / f);
        }
    }

    private static double[] median(List<double[]> rows) {
        double[] out = new double[rows.getFirst().length];
        for (int c = 0; c < out.length; c++) {
            int column = c;
            double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
            out[c] = values.length % 2 == 1 ? values[values.length / 2]
                    : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }
        return out;
    }

    private static long indexBytes(Path dir) throws IOException {
        Map<String, Long> byKind = new TreeMap<>();
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                long size = Files.size(f);
                total += size;
                byKind.merge(name.contains(".") ? name.substring(name.lastIndexOf('.')) : name, size, Long::sum);
            }
        }
        Map<String, String> shown = new TreeMap<>();
        byKind.forEach((kind, size) -> shown.put(kind, (size >> 20) + " MiB"));
        System.out.printf("%s: %d MiB on disk: %s%n", dir.getFileName(), total >> 20, shown);
        return total;
    }

    private static String mib(long bytes) {
        return Long.toString(bytes >> 20);
    }

    private static String fmt(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Gives each query its precomputed vector, so the model's time is not measured. */
    private record FixedEmbedder(Map<String, float[]> vectors, int dimensions) implements Embedder {

        @Override
        public ModelInfo model() {
            return new ModelInfo("bench", dimensions, Pooling.CLS, "", "", 512);
        }

        @Override
        public float[][] embedPassages(List<String> passages) {
            throw new UnsupportedOperationException("queries only");
        }

        @Override
        public float[] embedQuery(String query) {
            return vectors.get(query);
        }

        @Override
        public TextTokenizer tokenizer() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
