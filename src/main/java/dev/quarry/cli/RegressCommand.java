package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ConfigLoader;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.BundledModels;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalResult;
import dev.quarry.eval.Regression;
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
        EvalResult result = factory.evaluator(EmbeddingConfig.Onnx.like(configured, spec), null,
                System.err::println).evaluate(BeirCollection.load(regression.dataset()), regression.runs());
        System.out.print(EvalCommand.table(result));
        List<String> failed = regression.failures(result);
        System.out.println(failed.isEmpty() ? "PASS " + regression.name() : "FAIL " + regression.name());
        failed.forEach(f -> System.out.println("  " + f));
        return failed;
    }
}
