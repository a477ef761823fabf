package dev.quarry.search;

import dev.quarry.embed.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks hits one by one, trading relevance for
 * difference from what was already picked. {@code diversity} 0 keeps the ranking, 1 only spreads.
 */
final class Diversifier {

    private Diversifier() {
    }

    static List<Ranked> rerank(List<Ranked> ranked, IntFunction<float[]> vectorOf, double diversity, int take) {
        if (diversity <= 0 || ranked.size() <= 1) return ranked;
        double lambda = 1 - diversity;
        double max = ranked.stream().mapToDouble(Ranked::score).max().orElse(1);
        double min = ranked.stream().mapToDouble(Ranked::score).min().orElse(0);
        double range = max - min == 0 ? 1 : max - min;
        Map<Integer, float[]> vectors = new HashMap<>();
        for (Ranked r : ranked) vectors.put(r.ref(), vectorOf.apply(r.ref()));

        List<Ranked> left = new ArrayList<>(ranked);
        List<Ranked> picked = new ArrayList<>();
        while (!left.isEmpty() && picked.size() < take) {
            Ranked best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Ranked candidate : left) {
                double relevance = (candidate.score() - min) / range;
                double redundancy = 0;
                float[] v = vectors.get(candidate.ref());
                for (Ranked p : picked) redundancy = Math.max(redundancy, Vectors.dot(v, vectors.get(p.ref())));
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
