package dev.quarry.search;

import dev.quarry.index.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        Map<Integer, Double> vectorNorm = normalized(vector);
        Map<Integer, Double> keywordNorm = normalized(keyword);
        Map<Integer, Double> vectorRaw = raw(vector);
        Map<Integer, Double> keywordRaw = raw(keyword);
        Map<Integer, Ranked> byRef = new LinkedHashMap<>();
        for (List<Candidate> list : List.of(vector, keyword)) {
            for (Candidate c : list) {
                byRef.computeIfAbsent(c.ref(), ref -> new Ranked(ref,
                        vectorWeight * vectorNorm.getOrDefault(ref, 0.0) + (1 - vectorWeight) * keywordNorm.getOrDefault(ref, 0.0),
                        vectorRaw.get(ref), keywordRaw.get(ref)));
            }
        }
        List<Ranked> ranked = new ArrayList<>(byRef.values());
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    static Map<Integer, Double> normalized(List<Candidate> list) {
        Map<Integer, Double> out = new HashMap<>();
        if (list.isEmpty()) return out;
        double mean = list.stream().mapToDouble(Candidate::score).average().orElse(0);
        double variance = list.stream().mapToDouble(c -> (c.score() - mean) * (c.score() - mean)).average().orElse(0);
        double spread = 2 * DEVIATIONS * Math.sqrt(variance);
        double low = mean - DEVIATIONS * Math.sqrt(variance);
        // One hit, or hits that all score the same: nothing sets them apart, so they sit mid-range.
        for (Candidate c : list) out.put(c.ref(), spread == 0 ? 0.5 : Math.clamp((c.score() - low) / spread, 0.0, 1.0));
        return out;
    }

    private static Map<Integer, Double> raw(List<Candidate> list) {
        Map<Integer, Double> out = new HashMap<>();
        for (Candidate c : list) out.put(c.ref(), (double) c.score());
        return out;
    }
}
