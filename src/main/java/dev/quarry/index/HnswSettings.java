package dev.quarry.index;

/**
 * The HNSW graph's shape ({@code m} neighbours per node, {@code beamWidth} candidates while building), how many
 * candidates a search of a graph of up to 100,000 nodes explores at least
 * ({@code searchCandidates}; more raises recall and costs time, and larger graphs get more, see
 * {@link #candidatesFor}), and how the vectors are kept ({@code vectors}, a collection's own setting).
 */
public record HnswSettings(int m, int beamWidth, int searchCandidates, VectorFormat vectors) {

    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 100, VectorFormat.FLOAT);
    private static final int GRAPH_SIZE_OF_BASE = 100_000;
    /**
     * How fast the candidates grow with the graph beyond {@link #GRAPH_SIZE_OF_BASE} nodes. A fixed number finds less
     * of the true top ten the larger one graph grows: with 100 candidates recall@10 was 0.985 at 100,000 chunks and
     * 0.868 at a million, which needed 400 to 800 for 0.98 (BENCHMARKS.md, a large collection).
     */
    private static final double GROWTH = 0.75;

    public HnswSettings {
        if (m < 2 || m > 512) throw new IllegalArgumentException("index.hnsw.m must be in 2..512, got " + m);
        if (beamWidth < 1 || beamWidth > 3200) throw new IllegalArgumentException("index.hnsw.beamWidth must be in 1..3200, got " + beamWidth);
        if (searchCandidates < 1) throw new IllegalArgumentException("search.vectorCandidates must be positive, got " + searchCandidates);
        if (vectors == null) throw new IllegalArgumentException("index.vectors must be float or int7");
    }

    public HnswSettings(int m, int beamWidth, int searchCandidates) {
        this(m, beamWidth, searchCandidates, DEFAULT.vectors());
    }

    /** The candidates to explore in a graph of {@code nodes} vectors: the base up to 100,000, then as nodes^0.75. */
    public int candidatesFor(int nodes) {
        if (nodes <= GRAPH_SIZE_OF_BASE) return searchCandidates;
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(searchCandidates * Math.pow(nodes / (double) GRAPH_SIZE_OF_BASE, GROWTH)));
    }

    public HnswSettings withVectors(VectorFormat format) {
        return new HnswSettings(m, beamWidth, searchCandidates, format);
    }
}
