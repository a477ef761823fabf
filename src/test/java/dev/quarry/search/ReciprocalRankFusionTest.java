package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    /** Candidates named by letter, so the assertions read as before: a is 'a', b is 'b' and so on. */
    private static Candidate chunk(String id, float score) {
        return new Candidate(id.equals("both") ? 0 : id.charAt(0), score);
    }

    private static String id(Ranked r) {
        return r.ref() == 0 ? "both" : String.valueOf((char) r.ref());
    }

    @Test
    void a_chunk_found_by_both_lists_ranks_above_chunks_found_by_one() {
        List<Ranked> hits = new ReciprocalRankFusion(60).fuse(
                List.of(chunk("a", 0.9f), chunk("both", 0.8f)),
                List.of(chunk("b", 12f), chunk("both", 10f)));

        assertThat(hits).extracting(h -> id(h)).containsExactly("both", "a", "b");
        Ranked both = hits.getFirst();
        assertThat(both.score()).isCloseTo(2.0 / 62, within(1e-12));
        assertThat(both.vectorScore()).isCloseTo(0.8, within(1e-6));
        assertThat(both.keywordScore()).isEqualTo(10.0);
        assertThat(hits.get(1).keywordScore()).isNull();
    }

    @Test
    void k_must_be_positive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReciprocalRankFusion(0))
                .hasMessageContaining("rrf k must be positive");
    }
}
