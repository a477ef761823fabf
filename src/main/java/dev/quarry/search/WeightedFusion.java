package dev.quarry.search;

import dev.quarry.index.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A convex combination of scores, each list min-max normalized over what it retrieved, a chunk missing from a list
 * counting as that list's minimum. Tuned well it beats rank fusion, because it keeps how far apart scores are.
 * <p>
 * Adaptive: the keyword side's weight is scaled by the square root of the share of chunks the two top-10 lists have
 * in common, and the vector side gets the rest. Where the lists disagree, keyword matches are mostly chance term overlaps that would push good
 * semantic hits down; where they agree, BM25 sharpens the order among hits both found.
 */
final class WeightedFusion implements Fusion {

    private static final int AGREEMENT_DEPTH = 10;

    private final double vectorWeight;
    private final boolean adaptive;

    WeightedFusion(double vectorWeight, boolean adaptive) {
        this.vectorWeight = vectorWeight;
        this.adaptive = adaptive;
    }

    static double agreement(List<Candidate> vector, List<Candidate> keyword) {
        Set<Integer> top = new HashSet<>();
        vector.stream().limit(AGREEMENT_DEPTH).forEach(c -> top.add(c.ref()));
        long shared = keyword.stream().limit(AGREEMENT_DEPTH).filter(c -> top.contains(c.ref())).count();
        return (double) shared / AGREEMENT_DEPTH;
    }

    @Override
    public List<Ranked> fuse(List<Candidate> vector, List<Candidate> keyword) {
        double keywordWeight = (1 - vectorWeight) * (adaptive ? Math.sqrt(agreement(vector, keyword)) : 1);
        return combined(vector, normalized(vector), keyword, normalized(keyword), 1 - keywordWeight);
    }

    /**
     * The two lists' chunks by {@code vectorWeight} times their normalized vector score plus the rest times their
     * normalized keyword score, a chunk missing from a list counting 0 there; best first.
     */
    static List<Ranked> combined(List<Candidate> vector, Map<Integer, Double> vectorNorm, List<Candidate> keyword,
                                 Map<Integer, Double> keywordNorm, double vectorWeight) {
        Map<Integer, Double> vectorRaw = raw(vector);
        Map<Integer, Double> keywordRaw = raw(keyword);
        Map<Integer, Ranked> byRef = new LinkedHashMap<>();
        for (List<Candidate> list : List.of(vector, keyword)) {
            for (Candidate c : list) {
                byRef.computeIfAbsent(c.ref(), ref -> new Ranked(ref, vectorWeight * vectorNorm.getOrDefault(ref, 0.0)
                        + (1 - vectorWeight) * keywordNorm.getOrDefault(ref, 0.0), vectorRaw.get(ref), keywordRaw.get(ref)));
            }
        }
        List<Ranked> ranked = new ArrayList<>(byRef.values());
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static Map<Integer, Double> normalized(List<Candidate> list) {
        Map<Integer, Double> out = new HashMap<>();
        if (list.isEmpty()) return out;
        double max = list.stream().mapToDouble(Candidate::score).max().orElse(0);
        double min = list.stream().mapToDouble(Candidate::score).min().orElse(0);
        double range = max - min;
        for (Candidate c : list) out.put(c.ref(), range == 0 ? 1.0 : (c.score() - min) / range);
        return out;
    }

    private static Map<Integer, Double> raw(List<Candidate> list) {
        Map<Integer, Double> out = new HashMap<>();
        for (Candidate c : list) out.put(c.ref(), (double) c.score());
        return out;
    }
}
