package dev.quarry.index;

/**
 * The HNSW graph's shape ({@code m} neighbours per node, {@code beamWidth} candidates while building), how many
 * candidates a search explores at least ({@code searchCandidates}; more raises recall and costs time), and how the
 * vectors are kept ({@code vectors}, a collection's own setting).
 */
public record HnswSettings(int m, int beamWidth, int searchCandidates, VectorFormat vectors) {

    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 100, VectorFormat.FLOAT);

    public HnswSettings {
        if (m < 2 || m > 512) throw new IllegalArgumentException("index.hnsw.m must be in 2..512, got " + m);
        if (beamWidth < 1 || beamWidth > 3200) throw new IllegalArgumentException("index.hnsw.beamWidth must be in 1..3200, got " + beamWidth);
        if (searchCandidates < 1) throw new IllegalArgumentException("search.vectorCandidates must be positive, got " + searchCandidates);
        if (vectors == null) throw new IllegalArgumentException("index.vectors must be float or int7");
    }

    public HnswSettings(int m, int beamWidth, int searchCandidates) {
        this(m, beamWidth, searchCandidates, DEFAULT.vectors());
    }

    public HnswSettings withVectors(VectorFormat format) {
        return new HnswSettings(m, beamWidth, searchCandidates, format);
    }
}
