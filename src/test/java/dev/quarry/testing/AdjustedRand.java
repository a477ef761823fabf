package dev.quarry.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The adjusted Rand index (Hubert and Arabie, 1985) of two labelings of the same items: 1 identical, ~0 random. */
public final class AdjustedRand {

    private AdjustedRand() {
    }

    public static double of(List<String> truth, List<String> predicted) {
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            table.computeIfAbsent(truth.get(i), t -> new HashMap<>()).merge(predicted.get(i), 1, Integer::sum);
            rows.merge(truth.get(i), 1, Integer::sum);
            cols.merge(predicted.get(i), 1, Integer::sum);
        }
        double index = 0;
        for (Map<String, Integer> row : table.values()) for (int n : row.values()) index += pairs(n);
        double rowPairs = rows.values().stream().mapToDouble(AdjustedRand::pairs).sum();
        double colPairs = cols.values().stream().mapToDouble(AdjustedRand::pairs).sum();
        double expected = rowPairs * colPairs / pairs(truth.size());
        double max = (rowPairs + colPairs) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }
}
