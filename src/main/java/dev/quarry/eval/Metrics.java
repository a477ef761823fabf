package dev.quarry.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics as trec_eval computes them (and BEIR through it): graded nDCG with linear gains and log2
 * discounts, recall over all judged-relevant documents, reciprocal rank of the first relevant one. A document is
 * relevant when its grade is above zero.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double ndcg(List<String> ranking, Map<String, Integer> judged, int cutoff) {
        double dcg = 0;
        for (int i = 0; i < Math.min(cutoff, ranking.size()); i++) {
            int gain = Math.max(0, judged.getOrDefault(ranking.get(i), 0));
            dcg += gain / log2(i + 2);
        }
        List<Integer> ideal = new ArrayList<>(judged.values());
        ideal.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(cutoff, ideal.size()); i++) idcg += Math.max(0, ideal.get(i)) / log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recall(List<String> ranking, Map<String, Integer> judged, int cutoff) {
        long relevant = judged.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) return 0;
        long found = ranking.stream().limit(cutoff).filter(d -> judged.getOrDefault(d, 0) > 0).count();
        return (double) found / relevant;
    }

    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judged, int cutoff) {
        for (int i = 0; i < Math.min(cutoff, ranking.size()); i++) {
            if (judged.getOrDefault(ranking.get(i), 0) > 0) return 1.0 / (i + 1);
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
