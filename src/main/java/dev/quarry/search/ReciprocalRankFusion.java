package dev.quarry.search;

import dev.quarry.index.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): a chunk scores the sum of 1 / (k + rank) over the lists it appears
 * in. It needs no score calibration between BM25 and cosine, which is why it is the default hybrid.
 */
final class ReciprocalRankFusion implements Fusion {

    static final int DEFAULT_K = 60;

    private final int k;

    ReciprocalRankFusion(int k) {
        if (k <= 0) throw new IllegalArgumentException("rrf k must be positive, got " + k);
        this.k = k;
    }

    @Override
    public List<SearchHit> fuse(List<ScoredChunk> vector, List<ScoredChunk> keyword) {
        Map<String, Fused> byId = new LinkedHashMap<>();
        for (int rank = 0; rank < vector.size(); rank++) {
            ScoredChunk c = vector.get(rank);
            Fused f = byId.computeIfAbsent(c.chunk().chunkId(), id -> new Fused(c));
            f.score += 1.0 / (k + rank + 1);
            f.vectorScore = (double) c.score();
        }
        for (int rank = 0; rank < keyword.size(); rank++) {
            ScoredChunk c = keyword.get(rank);
            Fused f = byId.computeIfAbsent(c.chunk().chunkId(), id -> new Fused(c));
            f.score += 1.0 / (k + rank + 1);
            f.keywordScore = (double) c.score();
        }
        List<SearchHit> hits = new ArrayList<>(byId.size());
        for (Fused f : byId.values()) hits.add(new SearchHit(f.chunk.chunk(), f.score, f.vectorScore, f.keywordScore));
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits;
    }

    private static final class Fused {
        final ScoredChunk chunk;
        double score;
        Double vectorScore;
        Double keywordScore;

        Fused(ScoredChunk chunk) {
            this.chunk = chunk;
        }
    }
}
