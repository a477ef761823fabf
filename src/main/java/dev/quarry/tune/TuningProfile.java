package dev.quarry.tune;

import dev.quarry.search.FusionSettings;
import dev.quarry.search.QueryTuning;
import java.time.Instant;

/**
 * One version of a collection's tuning: the query adapter and fusion learned, when, for which model, and the
 * report of the run that learned them (its held-out measurements).
 */
public record TuningProfile(int version, Instant created, String modelId, TuningReport report) {

    public QueryAdapter adapter() {
        return report.adapter();
    }

    public FusionSettings fusion() {
        return report.fusion();
    }

    /** What searches that use this profile do: move the query vector with its adapter and fuse its way. */
    public QueryTuning tuning() {
        return new QueryTuning(adapter()::apply, fusion());
    }
}
