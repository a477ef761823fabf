package dev.quarry.search;

import dev.quarry.index.Candidate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distribution-based score fusion: each list's scores are placed on the range from three standard deviations below
 * their mean to three above (clamped to 0..1), then summed with {@code vectorWeight} on the vector side. Min-max
 * normalization stretches whatever spread a list has to the full range, so the few hundredths that separate a small
 * model's cosine similarities outweigh a BM25 match that stands far above the rest; measuring each score against its
 * own list's spread keeps a clear winner clear and a flat list flat.
 */
final class DistributionFusion implements Fusion {

    private static final double DEVIATIONS = 3;

    private final double vectorWeight;

    DistributionFusion(double vectorWeight) {
        this.vectorWeight = vectorWeight;
    }

    @Override
    public List<Ranked> fuse(List<Candidate> vector, List<Candidate> keyword) {
        return WeightedFusion.combined(vector, normalized(vector), keyword, normalized(keyword), vectorWeight);
    }

    static Map<Integer, Double> normalized(List<Candidate> list) {
        Map<Integer, Double> out = new HashMap<>();
        if (list.isEmpty()) return out;
        double mean = list.stream().mapToDouble(Candidate::score).average().orElse(0);
        double variance = list.stream().mapToDouble(c -> (c.score() - mean) * (c.score() - mean)).average().orElse(0);
        double deviation = Math.sqrt(variance);
        double spread = 2 * DEVIATIONS * deviation;
        double low = mean - DEVIATIONS * deviation;
        // One hit, or hits that all score the same: nothing sets them apart, so they sit mid-range.
        for (Candidate c : list) out.put(c.ref(), spread == 0 ? 0.5 : Math.clamp((c.score() - low) / spread, 0.0, 1.0));
        return out;
    }
}
