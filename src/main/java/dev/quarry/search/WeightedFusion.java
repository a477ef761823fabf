package dev.quarry.search;

import dev.quarry.index.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static double agreement(List<ScoredChunk> vector, List<ScoredChunk> keyword) {
        java.util.Set<String> top = new java.util.HashSet<>();
        vector.stream().limit(AGREEMENT_DEPTH).forEach(c -> top.add(c.chunk().chunkId()));
        long shared = keyword.stream().limit(AGREEMENT_DEPTH).filter(c -> top.contains(c.chunk().chunkId())).count();
        return (double) shared / AGREEMENT_DEPTH;
    }

    @Override
    public List<SearchHit> fuse(List<ScoredChunk> vector, List<ScoredChunk> keyword) {
        double keywordWeight = (1 - vectorWeight) * (adaptive ? Math.sqrt(agreement(vector, keyword)) : 1);
        double semanticWeight = 1 - keywordWeight;
        Map<String, Double> vectorNorm = normalized(vector);
        Map<String, Double> keywordNorm = normalized(keyword);
        Map<String, SearchHit> byId = new LinkedHashMap<>();
        Map<String, Double> vectorRaw = raw(vector);
        Map<String, Double> keywordRaw = raw(keyword);
        for (List<ScoredChunk> list : List.of(vector, keyword)) {
            for (ScoredChunk c : list) {
                String id = c.chunk().chunkId();
                if (byId.containsKey(id)) continue;
                double score = semanticWeight * vectorNorm.getOrDefault(id, 0.0)
                        + keywordWeight * keywordNorm.getOrDefault(id, 0.0);
                byId.put(id, new SearchHit(c.chunk(), score, vectorRaw.get(id), keywordRaw.get(id)));
            }
        }
        List<SearchHit> hits = new ArrayList<>(byId.values());
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits;
    }

    private static Map<String, Double> normalized(List<ScoredChunk> list) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (list.isEmpty()) return out;
        double max = list.stream().mapToDouble(ScoredChunk::score).max().orElse(0);
        double min = list.stream().mapToDouble(ScoredChunk::score).min().orElse(0);
        double range = max - min;
        for (ScoredChunk c : list) out.put(c.chunk().chunkId(), range == 0 ? 1.0 : (c.score() - min) / range);
        return out;
    }

    private static Map<String, Double> raw(List<ScoredChunk> list) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ScoredChunk c : list) out.put(c.chunk().chunkId(), (double) c.score());
        return out;
    }
}
