package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionFusionTest {

    @Test
    void each_score_is_placed_within_three_deviations_of_its_lists_mean() {
        // Mean 2, standard deviation 1: the range is -1..5.
        Map<Integer, Double> norm = DistributionFusion.normalized(
                List.of(new Candidate(1, 3f), new Candidate(2, 1f), new Candidate(3, 3f), new Candidate(4, 1f)));

        assertThat(norm.get(1)).isCloseTo(4 / 6.0, within(1e-6));
        assertThat(norm.get(2)).isCloseTo(2 / 6.0, within(1e-6));
    }

    @Test
    void a_list_with_nothing_to_set_its_hits_apart_puts_them_mid_range() {
        assertThat(DistributionFusion.normalized(List.of(new Candidate(1, 0.7f)))).containsEntry(1, 0.5);
        assertThat(DistributionFusion.normalized(List.of())).isEmpty();
    }

    /**
     * A question worded unlike the manual: cosine similarities a few hundredths apart (a small model's flat list), one
     * keyword match far above the rest, and top-10 lists that share nothing. Adaptive fusion reads the disagreement as
     * chance term overlap and keeps the vector order; measured against its own list's spread the keyword match stands
     * out, and the flat list's differences stay small.
     */
    @Test
    void a_clear_keyword_winner_beats_the_first_of_a_flat_vector_list() {
        List<Candidate> vector = new ArrayList<>();
        List<Candidate> keyword = new ArrayList<>();
        for (int i = 0; i < 20; i++) vector.add(new Candidate(100 + i, 0.69f - 0.002f * i));
        vector.add(new Candidate(7, 0.655f));
        keyword.add(new Candidate(7, 25f));
        for (int i = 0; i < 20; i++) keyword.add(new Candidate(200 + i, 8f - 0.1f * i));

        List<Ranked> distribution = new DistributionFusion(0.5).fuse(vector, keyword);
        List<Ranked> adaptive = new WeightedFusion(0.5, true).fuse(vector, keyword);

        assertThat(distribution.getFirst().ref()).isEqualTo(7);
        assertThat(distribution.getFirst().vectorScore()).isCloseTo(0.655, within(1e-6));
        assertThat(distribution.getFirst().keywordScore()).isEqualTo(25.0);
        assertThat(adaptive.getFirst().ref()).isEqualTo(100);
    }
}
