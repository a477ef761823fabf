package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.config.ConfigLoader;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxModelSpec;
import dev.quarry.error.Choices;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalResult;
import dev.quarry.eval.EvalRun;
import dev.quarry.search.FusionSettings;
import dev.quarry.tune.TuningProfile;
import dev.quarry.tune.TuningProfiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Measure retrieval quality on a BEIR-format collection (corpus.jsonl, queries.jsonl, qrels.tsv).")
final class EvalCommand implements Callable<Integer> {

    private final Map<String, String> env;

    EvalCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<dir>", description = "The collection folder.")
    Path dir;

    @Option(names = "--out", paramLabel = "<file.json>", description = "Also write the results as JSON.")
    Path out;

    @Option(names = "--model", description = "Bundled embedding model (default: the configured one).")
    String model;

    @Option(names = "--chunk-max-tokens", description = "Cut records into chunks of this many tokens (default:"
            + " each record is one passage, truncated by the model, as BEIR measures).")
    Integer chunkMaxTokens;

    @Option(names = "--chunk-overlap", description = "Overlap tokens with --chunk-max-tokens (default ${DEFAULT-VALUE}).",
            defaultValue = "32")
    int chunkOverlap;

    @Option(names = "--fusion", description = "Hybrid fusion: rrf, weighted, adaptive or distribution (default ${DEFAULT-VALUE}).", defaultValue = "distribution")
    FusionSettings.Method fusion;

    @Option(names = "--rrf-k", description = "Reciprocal rank fusion constant (default ${DEFAULT-VALUE}).", defaultValue = "60")
    int rrfK;

    @Option(names = "--vector-weight", description = "Weight of the vector side in weighted, adaptive and distribution fusion"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "0.6")
    double vectorWeight;

    @Option(names = "--tuning", paramLabel = "<profile.json>", description = "Search with a tuning profile (a file of a"
            + " collection's tuning/ folder, learned by quarry tune for the same model): its adapter and its fusion, in"
            + " place of --fusion.")
    Path tuning;

    @Override
    public Integer call() throws IOException {
        QuarryConfig config = ConfigLoader.load(env);
        // Evaluation runs bundled models in-process; a configured remote embedder lends nothing but its absence.
        OnnxModelSpec configured = config.embedding() instanceof EmbeddingConfig.Onnx o ? o.model()
                : BundledModels.find(BundledModels.DEFAULT).orElseThrow();
        OnnxModelSpec spec = model == null ? configured : BundledModels.find(model).orElseThrow(() ->
                new IllegalArgumentException("--model " + model + " is not a bundled model; choose one of " + BundledModels.ids()));
        ChunkSettings chunking = chunkMaxTokens == null ? null
                : new ChunkSettings(chunkMaxTokens, chunkOverlap, config.chunking().headingContext());
        TuningProfile profile = tuning == null ? null : TuningProfiles.readFile(tuning);
        if (profile != null && !profile.modelId().equals(spec.id())) {
            System.err.println("quarry eval: the profile " + tuning + " was learned for model " + profile.modelId()
                    + ", not " + spec.id() + " (--model)");
            return UsageErrors.EXIT;
        }
        FusionSettings fusionSettings = profile != null ? profile.fusion() : new FusionSettings(fusion, rrfK, vectorWeight);
        BeirCollection collection = BeirCollection.load(dir);
        EvalResult result;
        try (CollectionFactory factory = Quarry.factory(config, env)) {
            result = factory.evaluator(EmbeddingConfig.Onnx.like(config.embedding(), spec), chunking, System.err::println)
                    .tunedWith(profile == null ? null : profile.tuning())
                    .evaluate(collection, EvalRun.standard(fusionSettings));
        }
        System.out.print(table(result));
        if (out != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json(result, fusionSettings));
            System.out.println("wrote " + out);
        }
        return 0;
    }

    static String table(EvalResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d documents (%d chunks), %d queries; indexed in %.1f s, searched in %.1f s%n",
                r.collection(), r.documents(), r.chunks(), r.queries(), r.indexSeconds(), r.searchSeconds()));
        sb.append(String.format("%-8s %9s %11s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10"));
        r.modes().forEach((mode, m) -> sb.append(String.format("%-8s %9.4f %11.4f %8.4f%n", mode, m.ndcgAt10(),
                m.recallAt100(), m.mrrAt10())));
        return sb.toString();
    }

    Map<String, Object> json(EvalResult r, FusionSettings used) {
        Map<String, Object> root = new LinkedHashMap<>();
        r.modes().forEach((mode, m) -> root.put(mode, Map.of("ndcg@10", m.ndcgAt10(), "recall@100", m.recallAt100(),
                "mrr@10", m.mrrAt10())));
        Map<String, Object> settings = new LinkedHashMap<>(r.settings());
        settings.put("collection", r.collection());
        settings.put("documents", r.documents());
        settings.put("chunks", r.chunks());
        settings.put("queries", r.queries());
        settings.put("fusion", Choices.label(used.method()));
        settings.put("rrfK", used.rrfK());
        settings.put("vectorWeight", used.vectorWeight());
        if (tuning != null) settings.put("tuning", tuning.toString());
        root.put("settings", settings);
        return root;
    }
}
