package dev.quarry.bench;

import dev.quarry.embed.Vectors;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;

/**
 * A synthetic collection of any size shaped like a real one, as {@link HnswBench} makes it: chunk {@code i}'s vector
 * mixes two real NPL embeddings (0.75 and 0.25) with a little noise, and its text joins the texts of those two
 * documents and more until it is about a kilobyte. Chunk {@code i} depends on {@code i} alone, so the index can be
 * written by several threads and the exact answers computed in another process. The queries are NPL's real ones
 * (text and vector) and noisy copies of their vectors.
 */
final class ScaleCorpus {

    static final int K = 10;
    static final int QUERIES = 300;
    private static final int TEXT_CHARS = 1000;

    private final float[][] base;
    private final List<String> texts;
    private final float[][] queryVectors;
    private final List<String> queryTexts;

    private ScaleCorpus(float[][] base, List<String> texts, float[][] queryVectors, List<String> queryTexts) {
        this.base = base;
        this.texts = texts;
        this.queryVectors = queryVectors;
        this.queryTexts = queryTexts;
    }

    /** The collection's embeddings come from {@link HnswBench}'s cache (embedded once with the bundled model). */
    static ScaleCorpus load(Path collection, Path cache) throws IOException {
        String model = "bge-small-en-v1.5-q";
        float[][] base = HnswBench.cachedEmbeddings(collection, model, cache);
        BeirCollection c = BeirCollection.load(collection);
        List<String> texts = c.corpus().stream().map(d -> (d.title() + " " + d.text()).strip()).toList();
        float[][] real = HnswBench.read(cache.resolve(collection.getFileName() + "-" + model + "-queries.bin"));
        List<String> realTexts = new ArrayList<>(c.queries().values());
        SplittableRandom random = new SplittableRandom(7);
        float[][] queries = new float[QUERIES][];
        List<String> queryTexts = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            float[] q = real[i % real.length].clone();
            if (i >= real.length) for (int d = 0; d < q.length; d++) q[d] += (float) (random.nextGaussian() * 0.02);
            Vectors.normalize(q);
            queries[i] = q;
            queryTexts.add(realTexts.get(i % realTexts.size()));
        }
        return new ScaleCorpus(base, texts, queries, queryTexts);
    }

    int dimensions() {
        return base[0].length;
    }

    float[] vector(long i) {
        SplittableRandom random = random(i);
        float[] a = base[random.nextInt(base.length)];
        float[] b = base[random.nextInt(base.length)];
        float[] v = new float[a.length];
        for (int d = 0; d < v.length; d++) v[d] = 0.75f * a[d] + 0.25f * b[d] + (float) (random.nextGaussian() * 0.01);
        Vectors.normalize(v);
        return v;
    }

    /** About a kilobyte of real text: the two documents the vector mixes first, then others, cut at a word. */
    String text(long i) {
        SplittableRandom random = random(i);
        StringBuilder out = new StringBuilder(TEXT_CHARS + 200);
        while (out.length() < TEXT_CHARS) {
            if (!out.isEmpty()) out.append(' ');
            out.append(texts.get(random.nextInt(texts.size())));
        }
        int cut = out.lastIndexOf(" ", TEXT_CHARS + 100);
        return cut > TEXT_CHARS / 2 ? out.substring(0, cut) : out.toString();
    }

    private static SplittableRandom random(long i) {
        return new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
    }

    float[][] queryVectors() {
        return queryVectors;
    }

    List<String> queryTexts() {
        return queryTexts;
    }

    /** Each query's exact top-{@link #K} chunk numbers over the first {@code n} chunks, computed once and cached. */
    int[][] exactTopK(int n, Path cache) throws IOException {
        Path file = cache.resolve("scale-" + n + "-exact.bin");
        if (Files.exists(file)) return readInts(file);
        System.out.printf("exact top-%d of %d queries over %,d chunks (once, cached in %s)%n", K, QUERIES, n, file);
        float[][] scores = new float[QUERIES][K];
        int[][] best = new int[QUERIES][K];
        for (float[] s : scores) Arrays.fill(s, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            float[] v = vector(i);
            for (int q = 0; q < QUERIES; q++) offer(scores[q], best[q], VectorUtil.dotProduct(v, queryVectors[q]), i);
            if ((i + 1) % 200_000 == 0) System.out.printf("  %,d%n", i + 1);
        }
        writeInts(file, best);
        return best;
    }

    /** Puts {@code id} with score {@code s} into the descending top-K arrays if it belongs there. */
    static void offer(float[] scores, int[] best, float s, int id) {
        if (s <= scores[K - 1]) return;
        int at = K - 1;
        while (at > 0 && scores[at - 1] < s) {
            scores[at] = scores[at - 1];
            best[at] = best[at - 1];
            at--;
        }
        scores[at] = s;
        best[at] = id;
    }

    private static void writeInts(Path file, int[][] rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(rows.length);
            out.writeInt(rows[0].length);
            for (int[] row : rows) for (int x : row) out.writeInt(x);
        }
        Files.move(tmp, file);
    }

    private static int[][] readInts(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int[][] rows = new int[in.readInt()][in.readInt()];
            for (int[] row : rows) for (int d = 0; d < row.length; d++) row[d] = in.readInt();
            return rows;
        }
    }

    /** Document {@code d}'s chunks, {@code perDocument} of them: chunk i of the corpus is chunk i % perDocument of its document. */
    List<IndexedChunk> document(long d, int perDocument) {
        List<IndexedChunk> out = new ArrayList<>(perDocument);
        for (int o = 0; o < perDocument; o++) {
            long i = d * perDocument + o;
            String text = text(i);
            out.add(new IndexedChunk(IndexedChunk.chunkId(docId(d), o), docId(d), docId(d), "Document " + d, "", text,
                    o * 1000, o * 1000 + text.length(), 0, "h" + d, 1_700_000_000_000L, "txt", List.of(), vector(i)));
        }
        return out;
    }

    static String docId(long d) {
        return "d" + d + ".txt";
    }

    /** The corpus number of the chunk {@code chunkId}, as {@link #document} numbered it. */
    static long chunkNumber(String chunkId, int perDocument) {
        ChunkIds.Parts parts = ChunkIds.parse(chunkId).orElseThrow();
        String doc = parts.docId();
        return Long.parseLong(doc.substring(1, doc.length() - ".txt".length())) * perDocument + parts.ordinal();
    }

    /** Mean recall@10 of {@code index}'s vector search against exact search, its chunks numbered as {@link #document} does. */
    static double recall(ChunkIndex index, float[][] queries, int[][] exact, int perDocument) {
        double recall = 0;
        for (int q = 0; q < queries.length; q++) {
            Set<Long> truth = new HashSet<>();
            for (int id : exact[q]) truth.add((long) id);
            recall += index.vectorSearch(queries[q], K, ChunkFilter.NONE).stream()
                    .filter(h -> truth.contains(chunkNumber(h.chunk().chunkId(), perDocument))).count() / (double) K;
        }
        return recall / queries.length;
    }
}
