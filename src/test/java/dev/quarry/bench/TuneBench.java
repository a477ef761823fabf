package dev.quarry.bench;

import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.search.FusionSettings;
import dev.quarry.tune.AdapterTrainer;
import dev.quarry.tune.HeldOut;
import dev.quarry.tune.Tuner;
import dev.quarry.tune.TuningReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Tuning from judgments, measured as a collection would be tuned: a BEIR collection (one chunk per record, its
 * vectors embedded once by {@link HnswBench}'s cache) is written to an index, and {@link Tuner} runs k-fold
 * cross-validation over its judged queries. Prints nDCG@10 and Recall@100 of vector and hybrid search, untuned and
 * tuned, on the held-out folds, with the training time and the adapter's size. Run by {@code scripts/bench-tune}.
 * Optional arguments after the collection: rank, weight decay, epochs (the defaults are Quarry's).
 */
public final class TuneBench {

    private static final Path CACHE = Path.of("target/bench");
    private static final String MODEL = BundledModels.DEFAULT;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact-train");
        AdapterTrainer.Settings d = Tuner.Settings.DEFAULT.adapter();
        AdapterTrainer.Settings adapter = new AdapterTrainer.Settings(
                args.length > 1 ? Integer.parseInt(args[1]) : d.rank(),
                args.length > 2 ? Double.parseDouble(args[2]) : d.weightDecay(), d.temperature(),
                args.length > 3 ? Integer.parseInt(args[3]) : d.epochs(), d.learningRate(), d.batchSize(), d.seed());
        Tuner.Settings settings = new Tuner.Settings(adapter, Tuner.Settings.DEFAULT.folds(),
                Tuner.Settings.DEFAULT.minQueries(), Tuner.Settings.DEFAULT.negatives());
        BeirCollection collection = BeirCollection.load(dir);
        float[][] vectors = HnswBench.cachedEmbeddings(dir, MODEL, CACHE);
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(MODEL).orElseThrow(), 32,
                Runtime.getRuntime().availableProcessors());
             LuceneChunkIndex index = LuceneChunkIndex.open(CACHE.resolve("tune-" + collection.name()),
                     IndexManifest.of(embedder.model(), new dev.quarry.chunk.ChunkSettings(embedder.model().maxTokens(), 0, true)))) {
            if (index.stats().chunks() != collection.corpus().size()) {
                for (int i = 0; i < collection.corpus().size(); i++) {
                    BeirCollection.Doc doc = collection.corpus().get(i);
                    String text = (doc.title() + "\n\n" + doc.text()).strip();
                    index.replaceDocument(doc.id(), List.of(new IndexedChunk(IndexedChunk.chunkId(doc.id(), 0), doc.id(),
                            doc.id(), doc.title(), "", text, 0, text.length(), 0, "h" + i, 0L, "txt", List.of(), vectors[i])));
                }
                index.commit();
                index.mergeSegments().join();
            }
            TuningReport r = new Tuner(index, embedder, FusionSettings.DEFAULT, settings).tune(Tuner.judgedQueries(collection), System.err::println);
            System.out.printf("%s: %d judged queries (%d skipped), %d relevant judgments, %d folds; adapter rank %d, weight"
                            + " decay %s, %d epochs: %d parameters (%d KiB); tuning took %.0f s%n", collection.name(), r.queries(),
                    r.skippedQueries(), r.relevantJudgments(), r.folds(), adapter.rank(), adapter.weightDecay(), adapter.epochs(),
                    r.adapter().a().length * 2, r.adapter().a().length * 2 * 4 / 1024, r.trainingMillis() / 1000.0);
            System.out.printf("%-22s %9s %11s%n", "held-out folds", "nDCG@10", "Recall@100");
            row("vector, untuned", r.untunedVector());
            row("vector, tuned", r.tunedVector());
            row("hybrid, untuned", r.untunedHybrid());
            row("hybrid, tuned", r.tunedHybrid());
            System.out.printf("hybrid gain %+.4f (target >= +0.02); fusion chosen on all queries: %s%n", r.hybridGain(), r.fusion());
        }
    }

    private static void row(String name, HeldOut h) {
        System.out.printf("%-22s %9.4f %11.4f%n", name, h.ndcg10(), h.recall100());
    }
}
