package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.IndexedChunk;
import dev.quarry.index.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    private static ScoredChunk chunk(String id, float score) {
        return new ScoredChunk(new IndexedChunk(id, id, id, "", "", "", 0, 0, 0, "", 0, "text", List.of(), null), score);
    }

    @Test
    void a_chunk_found_by_both_lists_ranks_above_chunks_found_by_one() {
        List<SearchHit> hits = new ReciprocalRankFusion(60).fuse(
                List.of(chunk("a", 0.9f), chunk("both", 0.8f)),
                List.of(chunk("b", 12f), chunk("both", 10f)));

        assertThat(hits).extracting(h -> h.chunk().chunkId()).containsExactly("both", "a", "b");
        SearchHit both = hits.getFirst();
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
