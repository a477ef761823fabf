package dev.quarry.bench;

import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.embed.Vectors;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * HNSW recall and speed on 100,000 chunk vectors against exact search. The vectors are real bge-small embeddings
 * of the NPL collection (11,429 documents), mixed pairwise with a little noise to reach 100,000 while keeping the
 * shape of a real embedding space; the queries are NPL's real queries and noisy copies of them.
 * Run by {@code scripts/bench-search}.
 */
public final class HnswBench {

    private static final int N = 100_000;
    private static final int K = 10;
    private static final int QUERIES = 300;

    public static void main(String[] args) throws IOException {
        Path collection = Path.of(args.length > 0 ? args[0] : "../shared/eval/npl");
        String model = "bge-small-en-v1.5-q";
        float[][] base = cachedEmbeddings(collection, model, Path.of("target/bench"));
        Random random = new Random(42);
        float[][] vectors = synthesize(base, random);
        float[][] queries = queries(Path.of("target/bench", collection.getFileName() + "-" + model + "-queries.bin"), random);
        System.out.printf("%d vectors (%d dims), %d queries, k=%d%n", vectors.length, vectors[0].length, queries.length, K);

        long started = System.nanoTime();
        List<Set<Integer>> exact = new ArrayList<>();
        for (float[] q : queries) exact.add(exactTopK(vectors, q));
        double exactQps = queries.length / ((System.nanoTime() - started) / 1e9);
        System.out.printf("exact brute force: %.1f queries/s%n%n", exactQps);
        System.out.printf("%-4s %-5s %-10s %10s %11s %12s %9s%n", "m", "beam", "candidates", "build s", "recall@10", "queries/s", "vs exact");

        for (int[] graph : new int[][] {{16, 100}, {32, 200}}) {
            Path dir = Files.createTempDirectory("quarry-hnsw");
            IndexManifest manifest = new IndexManifest(1, "bench", vectors[0].length, "CLS", "", "", 512, 256, 32, true);
            started = System.nanoTime();
            try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, manifest, new HnswSettings(graph[0], graph[1], 100))) {
                for (int i = 0; i < vectors.length; i++) {
                    String id = Integer.toString(i);
                    index.replaceDocument(id, List.of(new IndexedChunk(id + "#0", id, id, "", "", "", 0, 0, 0, "h", 0,
                            "text", List.of(), vectors[i])));
                }
                index.commit();
            }
            double buildSeconds = (System.nanoTime() - started) / 1e9;
            for (int candidates : new int[] {10, 50, 100, 200, 400}) {
                try (LuceneChunkIndex index = LuceneChunkIndex.openReadOnly(dir, manifest, new HnswSettings(graph[0], graph[1], candidates))) {
                    for (int w = 0; w < 50; w++) index.vectorSearch(queries[w], K, ChunkFilter.NONE);
                    double recall = 0;
                    started = System.nanoTime();
                    List<List<String>> results = new ArrayList<>();
                    for (float[] q : queries) {
                        results.add(index.vectorSearch(q, K, ChunkFilter.NONE).stream().map(h -> h.chunk().docId()).toList());
                    }
                    double qps = queries.length / ((System.nanoTime() - started) / 1e9);
                    for (int i = 0; i < queries.length; i++) {
                        Set<Integer> truth = exact.get(i);
                        long found = results.get(i).stream().filter(id -> truth.contains(Integer.parseInt(id))).count();
                        recall += (double) found / K;
                    }
                    System.out.printf("%-4d %-5d %-10d %10.1f %11.4f %12.1f %8.1fx%n", graph[0], graph[1], candidates,
                            buildSeconds, recall / queries.length, qps, qps / exactQps);
                }
            }
            deleteTree(dir);
        }
    }

    /** The ten vectors nearest {@code q} by dot product, by brute force. */
    static Set<Integer> exactTopK(float[][] vectors, float[] q) {
        int[] best = new int[K];
        float[] scores = new float[K];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) ScaleCorpus.offer(scores, best, Vectors.dot(vectors[i], q), i);
        Set<Integer> out = new HashSet<>();
        for (int b : best) out.add(b);
        return out;
    }

    private static float[][] synthesize(float[][] base, Random random) {
        float[][] out = new float[N][];
        for (int i = 0; i < N; i++) {
            float[] a = base[random.nextInt(base.length)];
            float[] b = base[random.nextInt(base.length)];
            float[] v = new float[a.length];
            for (int d = 0; d < v.length; d++) v[d] = 0.75f * a[d] + 0.25f * b[d] + (float) (random.nextGaussian() * 0.01);
            Vectors.normalize(v);
            out[i] = v;
        }
        return out;
    }

    private static float[][] queries(Path file, Random random) throws IOException {
        float[][] real = read(file);
        float[][] out = new float[QUERIES][];
        for (int i = 0; i < QUERIES; i++) {
            float[] q = real[i % real.length].clone();
            if (i >= real.length) for (int d = 0; d < q.length; d++) q[d] += (float) (random.nextGaussian() * 0.02);
            Vectors.normalize(q);
            out[i] = q;
        }
        return out;
    }

    /** Embeds the collection's documents and queries once and keeps them under target/bench. */
    static float[][] cachedEmbeddings(Path collection, String model, Path cache) throws IOException {
        Path docsFile = cache.resolve(collection.getFileName() + "-" + model + "-docs.bin");
        Path queriesFile = cache.resolve(collection.getFileName() + "-" + model + "-queries.bin");
        if (!Files.exists(docsFile) || !Files.exists(queriesFile)) {
            Files.createDirectories(cache);
            BeirCollection c = BeirCollection.load(collection);
            System.err.printf("embedding %d documents of %s once (cached in %s)%n", c.corpus().size(), c.name(), cache);
            try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(model).orElseThrow(), 32,
                    Runtime.getRuntime().availableProcessors())) {
                List<String> texts = c.corpus().stream().map(d -> (d.title() + "\n\n" + d.text()).strip()).toList();
                write(docsFile, embedder.embedPassages(texts));
                write(queriesFile, c.queries().values().stream().map(embedder::embedQuery).toArray(float[][]::new));
            }
        }
        return read(docsFile);
    }

    private static void write(Path file, float[][] vectors) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(vectors.length);
            out.writeInt(vectors[0].length);
            for (float[] v : vectors) for (float x : v) out.writeFloat(x);
        }
    }

    static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            float[][] vectors = new float[in.readInt()][in.readInt()];
            for (float[] v : vectors) for (int d = 0; d < v.length; d++) v[d] = in.readFloat();
            return vectors;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
