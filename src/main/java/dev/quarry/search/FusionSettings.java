package dev.quarry.search;

/**
 * How hybrid search fuses its two lists: reciprocal rank fusion with constant {@code rrfK}, or a weighted sum of
 * min-max normalized scores with {@code vectorWeight} on the vector side and the rest on the keyword side.
 */
public record FusionSettings(Method method, int rrfK, double vectorWeight) {

    public enum Method { RRF, WEIGHTED }

    public static final FusionSettings DEFAULT = new FusionSettings(Method.RRF, ReciprocalRankFusion.DEFAULT_K, 0.5);

    public FusionSettings {
        if (method == null) throw new IllegalArgumentException("fusion.method must be rrf or weighted");
        if (rrfK <= 0) throw new IllegalArgumentException("fusion.k must be positive, got " + rrfK);
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("fusion.vectorWeight must be in 0..1, got " + vectorWeight);
        }
    }
}
