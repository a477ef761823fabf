package dev.quarry.index;

/**
 * The HNSW graph's shape ({@code m} neighbours per node, {@code beamWidth} candidates while building) and how many
 * candidates a search explores at least ({@code searchCandidates}; more raises recall and costs time).
 */
public record HnswSettings(int m, int beamWidth, int searchCandidates) {

    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 100);

    public HnswSettings {
        if (m < 2 || m > 512) throw new IllegalArgumentException("index.hnsw.m must be in 2..512, got " + m);
        if (beamWidth < 1 || beamWidth > 3200) throw new IllegalArgumentException("index.hnsw.beamWidth must be in 1..3200, got " + beamWidth);
        if (searchCandidates < 1) throw new IllegalArgumentException("search.vectorCandidates must be positive, got " + searchCandidates);
    }
}
