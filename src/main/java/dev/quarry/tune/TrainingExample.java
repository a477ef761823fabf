package dev.quarry.tune;

/**
 * One judged query as training sees it: its embedding (untuned), the vectors of the chunks judged relevant to it,
 * and the vectors of chunks the untuned search ranks high that were not (hard negatives).
 */
public record TrainingExample(float[] query, float[][] positives, float[][] negatives) {

    public TrainingExample {
        if (positives.length == 0) throw new IllegalArgumentException("a training example needs a relevant chunk");
    }
}
