package dev.quarry.tune;

import java.nio.file.Path;

/** A collection's judged queries, its tuning profiles and the one its searches use, kept in its folder. */
public record CollectionTuning(JudgmentStore judgments, TuningProfiles profiles, ServedTuning served) {

    public static CollectionTuning in(Path collectionFolder, String modelId) {
        TuningProfiles profiles = new TuningProfiles(collectionFolder);
        return new CollectionTuning(new JudgmentStore(collectionFolder), profiles, new ServedTuning(profiles, modelId));
    }
}
