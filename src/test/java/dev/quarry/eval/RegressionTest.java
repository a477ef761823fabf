package dev.quarry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionTest {

    @TempDir
    Path dir;

    @Test
    void every_kept_regression_reads_and_only_the_tuned_one_tunes() {
        Map<String, Boolean> tunes = Map.of("med", false, "npl", false, "cranfield", false, "scifact-train-tuned", true);
        tunes.forEach((name, tuned) -> {
            Regression r = Regression.load(Path.of("regressions", name + ".yaml"), Path.of("../shared/eval"));
            assertThat(r.crossValidatedTuning()).as(name).isEqualTo(tuned);
        });
    }

    @Test
    void tuned_metrics_are_compared_mode_by_mode_and_a_missing_metric_fails() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                dataset: x
                tuning: cross-validated
                tolerance: 0.01
                expected:
                  hybrid: {ndcg@10: 0.80, recall@100: 0.95}
                """);
        Regression r = Regression.load(file, dir);
        assertThat(r.failures(Map.of("hybrid", new EvalResult.ModeMetrics(0.805, 0.951, Double.NaN)))).isEmpty();
        assertThat(r.failures(Map.of("hybrid", new EvalResult.ModeMetrics(0.78, 0.951, Double.NaN))))
                .containsExactly("t hybrid ndcg@10: measured 0.7800, expected 0.8000 ± 0.0100");
        assertThat(r.failures(Map.of())).hasSize(2);
    }

    @Test
    void an_unknown_tuning_is_refused_naming_the_file() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "tuning: always\nexpected:\n  hybrid: {ndcg@10: 0.8}\n");
        assertThatThrownBy(() -> Regression.load(file, dir)).hasMessageContaining("bad.yaml: tuning must be none or cross-validated");
    }
}
