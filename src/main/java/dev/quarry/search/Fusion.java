package dev.quarry.search;

import dev.quarry.index.Candidate;
import java.util.List;

/** Merges the vector and keyword result lists of a hybrid search into one ranking. */
interface Fusion {

    List<Ranked> fuse(List<Candidate> vector, List<Candidate> keyword);

    static Fusion of(FusionSettings settings) {
        return switch (settings.method()) {
            case RRF -> new ReciprocalRankFusion(settings.rrfK());
            case WEIGHTED -> new WeightedFusion(settings.vectorWeight(), false);
            case ADAPTIVE -> new WeightedFusion(settings.vectorWeight(), true);
            case DISTRIBUTION -> new DistributionFusion(settings.vectorWeight());
        };
    }
}
