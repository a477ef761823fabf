package dev.quarry.search;

/** Where a searcher finds a collection's tuning; null from either method means untuned. */
public interface TuningSource {

    TuningSource NONE = fixed(null);

    /** The active profile's tuning, or null. */
    QueryTuning active();

    /** Profile {@code version}'s tuning; an unknown version, or one learned for another model, is refused. */
    QueryTuning profile(int version);

    /** One tuning, always active (null: untuned), and no saved profiles: what an evaluation measures. */
    static TuningSource fixed(QueryTuning tuning) {
        return new TuningSource() {
            @Override
            public QueryTuning active() {
                return tuning;
            }

            @Override
            public QueryTuning profile(int version) {
                throw new IllegalArgumentException("no saved tuning profiles here, so none numbered " + version);
            }
        };
    }
}
