package dev.quarry.safety;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** True positives, false positives and false negatives per type, and the precision and recall they give. */
final class DetectionScores {

    private final Map<FindingType, int[]> counts = new EnumMap<>(FindingType.class);
    private final StringBuilder errors = new StringBuilder();

    void add(String text, List<Finding> expected, List<Finding> found) {
        Set<Finding> wanted = new HashSet<>(expected);
        for (Finding f : found) {
            if (wanted.remove(f)) counts(f.type())[0]++;
            else {
                counts(f.type())[1]++;
                errors.append("FP ").append(f.type().label()).append(" '").append(text, f.start(), f.end()).append("' in: ").append(text).append('\n');
            }
        }
        for (Finding f : wanted) {
            counts(f.type())[2]++;
            errors.append("FN ").append(f.type().label()).append(" '").append(text, f.start(), f.end()).append("' in: ").append(text).append('\n');
        }
    }

    private int[] counts(FindingType type) {
        return counts.computeIfAbsent(type, t -> new int[3]);
    }

    int truePositives(FindingType type) {
        return counts(type)[0];
    }

    int falsePositives(FindingType type) {
        return counts(type)[1];
    }

    int falseNegatives(FindingType type) {
        return counts(type)[2];
    }

    double precision(FindingType type) {
        int tp = truePositives(type), fp = falsePositives(type);
        return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall(FindingType type) {
        int tp = truePositives(type), fn = falseNegatives(type);
        return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    /** Each wrong finding, by type and offsets (the labelled values are synthetic, so they may be shown). */
    String errors() {
        return errors.toString();
    }
}
