package dev.quarry.search;

/**
 * How hybrid search fuses its two lists: reciprocal rank fusion with constant {@code rrfK}; a weighted sum of min-max
 * normalized scores with {@code vectorWeight} on the vector side and the rest on the keyword side; or the same sum
 * with the keyword side's weight scaled by how much the two lists agree (adaptive, the default: measured on the
 * shared collections it is the only setting that never fell below the better single mode; see BENCHMARKS.md).
 */
public record FusionSettings(Method method, int rrfK, double vectorWeight) {

    public enum Method { RRF, WEIGHTED, ADAPTIVE, DISTRIBUTION }

    public static final FusionSettings DEFAULT = new FusionSettings(Method.ADAPTIVE, ReciprocalRankFusion.DEFAULT_K, 0.5);

    public FusionSettings {
        if (method == null) throw new IllegalArgumentException("fusion.method must be rrf, weighted, adaptive or distribution");
        if (rrfK <= 0) throw new IllegalArgumentException("fusion.k must be positive, got " + rrfK);
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("fusion.vectorWeight must be in 0..1, got " + vectorWeight);
        }
    }
}
