package dev.quarry.bench;

import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalResult;
import dev.quarry.eval.EvalRun;
import dev.quarry.eval.Evaluator;
import dev.quarry.index.HnswSettings;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures vector, keyword and many hybrid fusion settings on BEIR collections, each indexed once, to choose the
 * fusion defaults. Run by {@code scripts/sweep-fusion <model> <collection dir>...}.
 */
public final class FusionSweep {

    /** Writes the vector and keyword hits (query, mode, document, rank, score) as TSV, to try fusions offline. */
    private static final class RunWriter implements Evaluator.HitsSink, AutoCloseable {
        private final PrintWriter out;

        RunWriter(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            out = new PrintWriter(Files.newBufferedWriter(file));
        }

        @Override
        public void accept(EvalRun run, String queryId, List<SearchHit> hits) {
            if (run.mode() == SearchMode.HYBRID) return;
            int rank = 0;
            for (SearchHit h : hits) {
                out.printf("%s\t%s\t%s\t%d\t%.6f%n", queryId, run.name(), h.chunk().docId(), ++rank, h.score());
            }
        }

        @Override
        public void close() {
            out.close();
        }
    }

    public static void main(String[] args) throws IOException {
        String model = args[0];
        List<EvalRun> runs = new ArrayList<>();
        runs.add(EvalRun.of(SearchMode.VECTOR, FusionSettings.DEFAULT));
        runs.add(EvalRun.of(SearchMode.KEYWORD, FusionSettings.DEFAULT));
        for (int k : new int[] {5, 10, 20, 40, 60, 100}) {
            runs.add(new EvalRun("rrf k=" + k, SearchMode.HYBRID, new FusionSettings(FusionSettings.Method.RRF, k, 0.5)));
        }
        for (double w : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            runs.add(new EvalRun("weighted " + w, SearchMode.HYBRID, new FusionSettings(FusionSettings.Method.WEIGHTED, 60, w)));
        }
        for (double w : new double[] {0.4, 0.5, 0.6}) {
            runs.add(new EvalRun("adaptive " + w, SearchMode.HYBRID, new FusionSettings(FusionSettings.Method.ADAPTIVE, 60, w)));
        }
        for (double w : new double[] {0.5, 0.6, 0.7}) {
            runs.add(new EvalRun("distribution " + w, SearchMode.HYBRID, new FusionSettings(FusionSettings.Method.DISTRIBUTION, 60, w)));
        }
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(model).orElseThrow(), 32,
                Runtime.getRuntime().availableProcessors())) {
            for (int i = 1; i < args.length; i++) {
                BeirCollection collection = BeirCollection.load(Path.of(args[i]));
                Path runFile = Path.of("target", "runs", collection.name() + "-" + model + ".tsv");
                EvalResult r;
                try (RunWriter writer = new RunWriter(runFile)) {
                    r = new Evaluator(embedder, null, HnswSettings.DEFAULT, System.err::println).evaluate(collection, runs, writer);
                }
                System.out.printf("%n%s with %s: %d docs, indexed in %.1f s%n", r.collection(), model, r.documents(), r.indexSeconds());
                System.out.printf("%-14s %8s %10s %7s%n", "run", "nDCG@10", "Recall@100", "MRR@10");
                r.modes().forEach((name, m) -> System.out.printf("%-14s %8.4f %10.4f %7.4f%n", name, m.ndcgAt10(),
                        m.recallAt100(), m.mrrAt10()));
                System.out.println("vector and keyword hits written to " + runFile);
            }
        }
    }
}
