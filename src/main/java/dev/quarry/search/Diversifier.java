package dev.quarry.search;

import dev.quarry.embed.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks hits one by one, trading relevance for
 * difference from what was already picked. {@code diversity} 0 keeps the ranking, 1 only spreads.
 */
final class Diversifier {

    private Diversifier() {
    }

    static List<SearchHit> rerank(List<SearchHit> ranked, Map<String, float[]> vectors, double diversity, int take) {
        if (diversity <= 0 || ranked.size() <= 1) return ranked;
        double lambda = 1 - diversity;
        double max = ranked.stream().mapToDouble(SearchHit::score).max().orElse(1);
        double min = ranked.stream().mapToDouble(SearchHit::score).min().orElse(0);
        double range = max - min == 0 ? 1 : max - min;

        List<SearchHit> left = new ArrayList<>(ranked);
        List<SearchHit> picked = new ArrayList<>();
        while (!left.isEmpty() && picked.size() < take) {
            SearchHit best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (SearchHit candidate : left) {
                double relevance = (candidate.score() - min) / range;
                double redundancy = 0;
                float[] v = vectors.get(candidate.chunk().chunkId());
                for (SearchHit p : picked) {
                    float[] w = vectors.get(p.chunk().chunkId());
                    if (v != null && w != null) redundancy = Math.max(redundancy, Vectors.dot(v, w));
                }
                double mmr = lambda * relevance - (1 - lambda) * redundancy;
                if (mmr > bestScore) {
                    bestScore = mmr;
                    best = candidate;
                }
            }
            picked.add(best);
            left.remove(best);
        }
        return picked;
    }
}
