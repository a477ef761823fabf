package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ConfigLoader;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.BundledModels;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalResult;
import dev.quarry.eval.Evaluator;
import dev.quarry.eval.Regression;
import dev.quarry.tune.Tuner;
import dev.quarry.tune.TuningReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "regress", description = "Run retrieval-quality regressions (YAML files) and compare with their expected metrics.")
final class RegressCommand implements Callable<Integer> {

    private final Map<String, String> env;

    RegressCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<file.yaml>", arity = "1..*", description = "Regression files, e.g. regressions/*.yaml.")
    List<Path> files;

    @Option(names = "--eval-root", description = "Folder holding the collections (default ${DEFAULT-VALUE}).",
            defaultValue = "../shared/eval")
    Path evalRoot;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        List<String> failures = new ArrayList<>();
        try (CollectionFactory factory = Quarry.factory(config, env)) {
            for (Path file : files) failures.addAll(run(factory, config.embedding(), file));
        }
        System.out.printf("%d regressions, %d metrics out of tolerance%n", files.size(), failures.size());
        return failures.isEmpty() ? 0 : 1;
    }

    /** Regressions name bundled models; only batch size and threads come from an in-process {@code configured} model. */
    private List<String> run(CollectionFactory factory, EmbeddingConfig configured, Path file) {
        Regression regression = Regression.load(file, evalRoot);
        var spec = BundledModels.find(regression.model()).orElseThrow(() -> new IllegalArgumentException(
                file + ": model " + regression.model() + " is not bundled; choose one of " + BundledModels.ids()));
        EmbeddingConfig embedding = EmbeddingConfig.Onnx.like(configured, spec);
        BeirCollection collection = BeirCollection.load(regression.dataset());
        Evaluator evaluator = factory.evaluator(embedding, null, System.err::println);
        List<String> failed;
        if (regression.crossValidatedTuning()) {
            Map<String, EvalResult.ModeMetrics> tuned = evaluator.onIndex(collection, (index, chunks) -> heldOut(
                    new Tuner(index, factory.embedder(embedding), regression.fusion(), Tuner.Settings.DEFAULT)
                            .tune(Tuner.judgedQueries(collection), System.err::println)));
            failed = regression.failures(tuned);
        } else {
            EvalResult result = evaluator.evaluate(collection, regression.runs());
            System.out.print(EvalCommand.table(result));
            failed = regression.failures(result);
        }
        System.out.println(failed.isEmpty() ? "PASS " + regression.name() : "FAIL " + regression.name());
        failed.forEach(f -> System.out.println("  " + f));
        return failed;
    }

    /** Tuned search on the held-out folds, per mode, printed beside untuned search on the same folds. */
    private static Map<String, EvalResult.ModeMetrics> heldOut(TuningReport r) {
        System.out.printf("held-out folds (%d judged queries, %d folds)   nDCG@10  Recall@100%n", r.queries(), r.folds());
        for (var row : List.of(Map.entry("vector, untuned", r.untunedVector()), Map.entry("vector, tuned", r.tunedVector()),
                Map.entry("hybrid, untuned", r.untunedHybrid()), Map.entry("hybrid, tuned", r.tunedHybrid()))) {
            System.out.printf("  %-40s %8.4f %10.4f%n", row.getKey(), row.getValue().ndcg10(), row.getValue().recall100());
        }
        // Tuning measures no MRR: a regression of tuned search expects nDCG@10 and Recall@100 only.
        return Map.of("vector", new EvalResult.ModeMetrics(r.tunedVector().ndcg10(), r.tunedVector().recall100(), Double.NaN),
                "hybrid", new EvalResult.ModeMetrics(r.tunedHybrid().ndcg10(), r.tunedHybrid().recall100(), Double.NaN));
    }
}
