package dev.quarry.search;

import dev.quarry.index.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): a chunk scores the sum of 1 / (k + rank) over the lists it appears
 * in. It needs no score calibration between BM25 and cosine.
 */
final class ReciprocalRankFusion implements Fusion {

    static final int DEFAULT_K = 60;

    private final int k;

    ReciprocalRankFusion(int k) {
        if (k <= 0) throw new IllegalArgumentException("rrf k must be positive, got " + k);
        this.k = k;
    }

    @Override
    public List<Ranked> fuse(List<Candidate> vector, List<Candidate> keyword) {
        Map<Integer, Fused> byRef = new LinkedHashMap<>();
        for (int rank = 0; rank < vector.size(); rank++) {
            Candidate c = vector.get(rank);
            Fused f = byRef.computeIfAbsent(c.ref(), Fused::new);
            f.score += 1.0 / (k + rank + 1);
            f.vectorScore = (double) c.score();
        }
        for (int rank = 0; rank < keyword.size(); rank++) {
            Candidate c = keyword.get(rank);
            Fused f = byRef.computeIfAbsent(c.ref(), Fused::new);
            f.score += 1.0 / (k + rank + 1);
            f.keywordScore = (double) c.score();
        }
        List<Ranked> ranked = new ArrayList<>(byRef.size());
        for (Fused f : byRef.values()) ranked.add(new Ranked(f.ref, f.score, f.vectorScore, f.keywordScore));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static final class Fused {
        final int ref;
        double score;
        Double vectorScore;
        Double keywordScore;

        Fused(int ref) {
            this.ref = ref;
        }
    }
}
