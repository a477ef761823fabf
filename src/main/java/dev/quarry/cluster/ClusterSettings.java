package dev.quarry.cluster;

/**
 * What to cluster and how many groups: {@code k} null means choose it by silhouette between {@code minK} and
 * {@code maxK}; {@code seed} makes the result repeatable.
 */
public record ClusterSettings(Level level, Integer k, int minK, int maxK, long seed) {

    public enum Level { DOCUMENT, CHUNK }

    public ClusterSettings {
        if (k != null && k < 1) throw new IllegalArgumentException("k must be positive, got " + k);
        if (minK < 2 || maxK < minK) throw new IllegalArgumentException("k range must satisfy 2 <= minK <= maxK, got " + minK + ".." + maxK);
    }

    public static ClusterSettings auto(Level level, long seed) {
        return new ClusterSettings(level, null, 2, 20, seed);
    }
}
