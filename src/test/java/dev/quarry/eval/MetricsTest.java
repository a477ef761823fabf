package dev.quarry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric values worked out by hand (log2 discounts, linear gains, as trec_eval). */
class MetricsTest {

    private static final Map<String, Integer> GRADED = Map.of("a", 3, "b", 2, "c", 0, "d", 1);

    @Test
    void graded_ndcg_uses_linear_gains_and_log2_discounts() {
        // DCG = 2/1 + 0 + 3/2 + 1/log2(5) = 3.930677; ideal = 3/1 + 2/log2(3) + 1/2 = 4.761860; ratio 0.825450
        assertThat(Metrics.ndcg(List.of("b", "x", "a", "d"), GRADED, 10)).isCloseTo(0.825450, within(1e-6));
    }

    @Test
    void ndcg_is_one_for_the_ideal_ranking_and_zero_without_relevant_hits() {
        assertThat(Metrics.ndcg(List.of("a", "b", "d", "c"), GRADED, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.ndcg(List.of("x", "y"), GRADED, 10)).isZero();
    }

    @Test
    void ndcg_cuts_both_the_ranking_and_the_ideal_at_the_cutoff() {
        // cutoff 1: DCG = 2 (b), ideal = 3 (a)
        assertThat(Metrics.ndcg(List.of("b", "a"), GRADED, 1)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void recall_counts_only_documents_graded_above_zero() {
        assertThat(Metrics.recall(List.of("b", "x", "a"), GRADED, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Metrics.recall(List.of("b", "c", "a", "d"), GRADED, 100)).isEqualTo(1.0);
    }

    @Test
    void reciprocal_rank_is_that_of_the_first_relevant_document_within_the_cutoff() {
        assertThat(Metrics.reciprocalRank(List.of("x", "c", "d"), GRADED, 10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Metrics.reciprocalRank(List.of("x", "y", "d"), GRADED, 2)).isZero();
    }
}
