package dev.quarry.search;

/**
 * How hybrid search fuses its two lists: reciprocal rank fusion with constant {@code rrfK}; a weighted sum of min-max
 * normalized scores with {@code vectorWeight} on the vector side and the rest on the keyword side; the same sum with
 * the keyword side's weight scaled by how much the two lists agree (adaptive); or a weighted sum of scores measured
 * against their own list's mean and spread (distribution, the default: on real manuals, where questions are worded
 * unlike the text, adaptive fusion dropped the keyword matches that found the answer; distribution with 0.6 on the
 * vector side ranked best there, and on the shared collections it is within 0.02 of adaptive, below it only on
 * MED; see BENCHMARKS.md).
 */
public record FusionSettings(Method method, int rrfK, double vectorWeight) {

    public enum Method { RRF, WEIGHTED, ADAPTIVE, DISTRIBUTION }

    public static final FusionSettings DEFAULT = new FusionSettings(Method.DISTRIBUTION, ReciprocalRankFusion.DEFAULT_K, 0.6);

    public FusionSettings {
        if (method == null) throw new IllegalArgumentException("fusion.method must be rrf, weighted, adaptive or distribution");
        if (rrfK <= 0) throw new IllegalArgumentException("fusion.k must be positive, got " + rrfK);
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("fusion.vectorWeight must be in 0..1, got " + vectorWeight);
        }
    }
}
