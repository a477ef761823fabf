package dev.quarry.tune;

import dev.quarry.search.FusionSettings;

/**
 * What tuning learned and how it did on held-out folds: untuned and tuned vector and hybrid search, each query
 * measured by the run whose training did not see it. {@code adapter} and {@code fusion} were then learned from
 * every judged query; {@code improves} says whether tuned hybrid beat untuned hybrid on the held-out folds.
 */
public record TuningReport(int queries, int relevantJudgments, int skippedQueries, int folds,
                           HeldOut untunedVector, HeldOut tunedVector, HeldOut untunedHybrid, HeldOut tunedHybrid,
                           QueryAdapter adapter, FusionSettings fusion, long trainingMillis) {

    public double hybridGain() {
        return tunedHybrid.ndcg10() - untunedHybrid.ndcg10();
    }

    public boolean improves() {
        return hybridGain() > 0;
    }
}
