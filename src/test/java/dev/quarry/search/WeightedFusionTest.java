package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedFusionTest {

    /** Candidates named by letter, so the assertions read as before: a is 'a', b is 'b' and so on. */
    private static Candidate chunk(String id, float score) {
        return new Candidate(id.equals("both") ? 0 : id.charAt(0), score);
    }

    private static String id(Ranked r) {
        return r.ref() == 0 ? "both" : String.valueOf((char) r.ref());
    }

    @Test
    void scores_are_min_max_normalized_then_weighted() {
        List<Ranked> hits = new WeightedFusion(0.75, false).fuse(
                List.of(chunk("a", 0.9f), chunk("b", 0.7f), chunk("c", 0.5f)),
                List.of(chunk("c", 20f), chunk("b", 10f)));

        // a: 0.75*1 + 0 = 0.75; b: 0.75*0.5 + 0.25*0 = 0.375; c: 0 + 0.25*1 = 0.25
        assertThat(hits).extracting(h -> id(h)).containsExactly("a", "b", "c");
        assertThat(hits.get(0).score()).isCloseTo(0.75, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(0.375, within(1e-6));
        assertThat(hits.get(2).keywordScore()).isEqualTo(20.0);
    }

    @Test
    void weight_one_is_pure_vector_order() {
        List<Ranked> hits = new WeightedFusion(1.0, false).fuse(
                List.of(chunk("a", 0.9f), chunk("b", 0.8f)), List.of(chunk("b", 5f), chunk("x", 4f)));
        assertThat(hits.subList(0, 2)).extracting(h -> id(h)).containsExactly("a", "b");
    }

    @Test
    void adaptive_fusion_ignores_keywords_when_the_lists_share_nothing() {
        List<Candidate> vector = List.of(chunk("a", 0.9f), chunk("b", 0.8f), chunk("c", 0.7f));
        List<Candidate> keyword = List.of(chunk("x", 30f), chunk("y", 20f));

        assertThat(WeightedFusion.agreement(vector, keyword)).isZero();
        assertThat(new WeightedFusion(0.5, true).fuse(vector, keyword)).extracting(h -> id(h))
                .startsWith("a", "b", "c");
    }

    @Test
    void adaptive_fusion_weighs_keywords_by_the_square_root_of_agreement() {
        List<Candidate> vector = List.of(chunk("a", 0.9f), chunk("b", 0.5f));
        List<Candidate> keyword = List.of(chunk("b", 10f), chunk("a", 2f));
        // agreement 2/10: keyword weight 0.5 * sqrt(0.2) = 0.2236, vector weight 0.7764
        List<Ranked> hits = new WeightedFusion(0.5, true).fuse(vector, keyword);

        assertThat(id(hits.get(0))).isEqualTo("a");
        assertThat(hits.get(0).score()).isCloseTo(0.7764, within(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(0.2236, within(1e-4));
    }
}
