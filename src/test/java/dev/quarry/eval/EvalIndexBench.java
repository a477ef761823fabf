package dev.quarry.eval;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How many passages the evaluation hands the embedder at once: first the padding each pool size leaves (from token
 * counts alone, over the whole collection), then indexing the first N records with pools of 64 and of
 * {@link Evaluator#EMBED_POOL}, in the order 64, pool, pool, 64 so that a drifting load weighs on both alike.
 * Run by {@code scripts/bench-eval-index [collection] [records]}.
 */
public final class EvalIndexBench {

    private static final int MODEL_BATCH = 32;

    public static void main(String[] args) throws Exception {
        BeirCollection all = BeirCollection.load(Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact-train"));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        BeirCollection subset = new BeirCollection(all.name(), all.corpus().subList(0, Math.min(n, all.corpus().size())),
                all.queries(), all.qrels());
        int threads = Runtime.getRuntime().availableProcessors();
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), MODEL_BATCH, threads)) {
            padding(all, embedder.tokenizer(), embedder.model().maxTokens());
            Evaluator evaluator = new Evaluator(embedder, null, HnswSettings.DEFAULT, line -> { });
            embedder.embedPassages(List.of("warm up the model", "and its tokenizer"));
            int[] order = {64, Evaluator.EMBED_POOL, Evaluator.EMBED_POOL, 64};
            double[] seconds = new double[2];
            for (int pool : order) {
                Path dir = Files.createTempDirectory("quarry-bench-eval-index");
                try (ChunkIndex index = LuceneChunkIndex.open(dir, IndexManifest.of(embedder.model(),
                        new ChunkSettings(embedder.model().maxTokens(), 0, true)), HnswSettings.DEFAULT)) {
                    long started = System.nanoTime();
                    evaluator.indexCorpus(subset, index, pool);
                    seconds[pool == 64 ? 0 : 1] += (System.nanoTime() - started) / 1e9;
                }
            }
            System.out.printf("%nindexing the first %d records of %s, %s, batch %d, %d threads, twice each (64, %d, %d, 64)%n",
                    subset.corpus().size(), all.name(), embedder.model().id(), MODEL_BATCH, threads, Evaluator.EMBED_POOL,
                    Evaluator.EMBED_POOL);
            System.out.printf("pool 64: %.1f s, pool %d: %.1f s; time with %d / time with 64: %.3f%n", seconds[0] / 2,
                    Evaluator.EMBED_POOL, seconds[1] / 2, Evaluator.EMBED_POOL, seconds[1] / seconds[0]);
        }
    }

    /** Padded tokens over real ones when pools of each size are sorted by length and cut into model batches. */
    private static void padding(BeirCollection collection, TextTokenizer tokenizer, int maxTokens) {
        List<Integer> lengths = new ArrayList<>();
        for (BeirCollection.Doc d : collection.corpus()) {
            String text = d.text().isBlank() ? d.title() : d.text();
            lengths.add(Math.min(maxTokens, tokenizer.count(d.title().isEmpty() ? text : d.title() + "\n\n" + text) + 2));
        }
        long real = lengths.stream().mapToLong(Integer::longValue).sum();
        System.out.printf("%s: %d records, %.0f tokens each on average; padded tokens / real tokens by pool size:%n",
                collection.name(), lengths.size(), (double) real / lengths.size());
        for (int pool : new int[] {32, 64, 256, 1024, lengths.size()}) {
            long padded = 0;
            for (int from = 0; from < lengths.size(); from += pool) {
                List<Integer> sorted = new ArrayList<>(lengths.subList(from, Math.min(lengths.size(), from + pool)));
                Collections.sort(sorted);
                for (int b = 0; b < sorted.size(); b += MODEL_BATCH) {
                    List<Integer> batch = sorted.subList(b, Math.min(sorted.size(), b + MODEL_BATCH));
                    padded += (long) batch.size() * Collections.max(batch);
                }
            }
            System.out.printf("  pool %5d: %.3f%n", pool, (double) padded / real);
        }
    }
}
