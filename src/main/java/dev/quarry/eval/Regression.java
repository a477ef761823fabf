package dev.quarry.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.error.Choices;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval-quality regression kept as data: which collection, model and fusion to run, the metrics expected per
 * mode and how far a measurement may stray from them. The tolerance is one number or one per mode: an int8 model
 * computes slightly differently per CPU family, while keyword search does not depend on the CPU at all. With
 * {@code tuning: cross-validated} the collection's judged queries tune it as {@code quarry tune} does, and the
 * metrics expected are those of tuned search on the held-out folds.
 */
public record Regression(String name, Path dataset, String model, FusionSettings fusion,
                         Map<String, Map<String, Double>> expected, Map<String, Double> tolerance, boolean crossValidatedTuning) {

    private static final double DEFAULT_TOLERANCE = 0.005;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads a regression file; {@code dataset} is resolved against {@code evalRoot}. */
    public static Regression load(Path file, Path evalRoot) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            JsonNode f = n.path("fusion");
            FusionSettings fusion = new FusionSettings(Choices.parse(FusionSettings.Method.class, f.path("method").asText("rrf"),
                            problem -> new EvalException(file + ": fusion.method " + problem)),
                    f.path("k").asInt(FusionSettings.DEFAULT.rrfK()), f.path("vectorWeight").asDouble(FusionSettings.DEFAULT.vectorWeight()));
            Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
            n.path("expected").properties().forEach(mode -> {
                Choices.parse(SearchMode.class, mode.getKey(), problem -> new EvalException(file + ": each key under expected " + problem));
                Map<String, Double> metrics = new LinkedHashMap<>();
                mode.getValue().properties().forEach(m -> metrics.put(m.getKey(), m.getValue().asDouble()));
                expected.put(mode.getKey(), metrics);
            });
            if (expected.isEmpty()) throw new EvalException(file + " expects no metrics");
            JsonNode t = n.path("tolerance");
            Map<String, Double> tolerance = new LinkedHashMap<>();
            for (String mode : expected.keySet()) {
                tolerance.put(mode, (t.isObject() ? t.path(mode) : t).asDouble(DEFAULT_TOLERANCE));
            }
            String tuning = n.path("tuning").asText("none");
            if (!tuning.equals("none") && !tuning.equals("cross-validated")) {
                throw new EvalException(file + ": tuning must be none or cross-validated, got '" + tuning + "'");
            }
            return new Regression(name, evalRoot.resolve(n.path("dataset").asText(name)),
                    n.path("model").asText("bge-small-en-v1.5"), fusion, expected, tolerance, tuning.equals("cross-validated"));
        } catch (IOException | IllegalArgumentException e) {
            throw new EvalException("cannot read regression " + file + ": " + e.getMessage(), e);
        }
    }

    public List<EvalRun> runs() {
        return expected.keySet().stream()
                .map(mode -> EvalRun.of(Choices.find(SearchMode.class, mode).orElseThrow(), fusion))
                .toList();
    }

    /** One line per expected metric that strays beyond the tolerance; empty when the result passes. */
    public List<String> failures(EvalResult result) {
        return failures(result.modes());
    }

    /** As {@link #failures(EvalResult)}, for metrics measured per mode some other way (tuned, on held-out folds). */
    public List<String> failures(Map<String, EvalResult.ModeMetrics> measured) {
        List<String> failures = new ArrayList<>();
        expected.forEach((mode, metrics) -> metrics.forEach((metric, want) -> {
            double got = value(measured.get(mode), metric);
            double allowed = tolerance.get(mode);
            if (!(Math.abs(got - want) <= allowed)) {
                failures.add(String.format("%s %s %s: measured %.4f, expected %.4f ± %.4f", name, mode, metric, got, want, allowed));
            }
        }));
        return failures;
    }

    private static double value(EvalResult.ModeMetrics m, String metric) {
        if (m == null) return Double.NaN;
        return switch (metric) {
            case "ndcg@10" -> m.ndcgAt10();
            case "recall@100" -> m.recallAt100();
            case "mrr@10" -> m.mrrAt10();
            default -> throw new EvalException("unknown metric '" + metric + "' (ndcg@10, recall@100, mrr@10)");
        };
    }
}
