package dev.quarry.eval;

import dev.quarry.index.HnswSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The quality regression on the smallest shared collection, with the real model: measured metrics must match the
 * expectations kept in {@code regressions/med.yaml}. The others run with {@code scripts/regress}.
 */
class RegressionIT {

    @Test
    void med_matches_its_expected_metrics() {
        Path evalRoot = Path.of(System.getProperty("quarry.eval.dir", "../shared/eval"));
        Regression regression = Regression.load(Path.of("regressions/med.yaml"), evalRoot);
        EvalResult result;
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(regression.model()).orElseThrow(), 32,
                Runtime.getRuntime().availableProcessors())) {
            result = new Evaluator(embedder, null, HnswSettings.DEFAULT, System.out::println)
                    .evaluate(BeirCollection.load(regression.dataset()), regression.runs());
        }
        result.modes().forEach((mode, m) -> System.out.printf("med %s: nDCG@10 %.4f, Recall@100 %.4f, MRR@10 %.4f%n",
                mode, m.ndcgAt10(), m.recallAt100(), m.mrrAt10()));

        assertThat(regression.failures(result)).isEmpty();
    }
}
