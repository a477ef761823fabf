package dev.quarry.eval;

import java.util.Map;

/** Mean metrics per search mode, and the settings that produced them. */
public record EvalResult(String collection, int documents, int chunks, int queries, Map<String, ModeMetrics> modes,
                         Map<String, Object> settings, double indexSeconds, double searchSeconds) {

    /** Means over all judged queries. */
    public record ModeMetrics(double ndcgAt10, double recallAt100, double mrrAt10) {
    }
}
