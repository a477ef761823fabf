package dev.quarry.tune;

import java.util.Arrays;

/**
 * A learned linear map applied to query embeddings before search: {@code q' = normalize(q + A·(Bᵀ·q))}, with A and
 * B of {@code dimensions × rank}. The documents' vectors are not touched, so a collection is tuned without
 * re-embedding it, and with B = 0 the map is the identity. Matrices are row-major: {@code a[i * rank + r]}.
 */
public record QueryAdapter(int dimensions, int rank, float[] a, float[] b) {

    public QueryAdapter {
        if (dimensions < 1 || rank < 1) throw new IllegalArgumentException("an adapter needs positive dimensions and rank");
        if (a.length != dimensions * rank || b.length != dimensions * rank) {
            throw new IllegalArgumentException("adapter matrices must be " + dimensions + " x " + rank);
        }
    }

    /** The query vector as this adapter moves it, normalized as the index's vectors are. */
    public float[] apply(float[] query) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException("the adapter is for " + dimensions + " dimensions, the query has " + query.length);
        }
        double[] projected = project(query);
        float[] out = query.clone();
        for (int i = 0; i < dimensions; i++) {
            double shift = 0;
            for (int r = 0; r < rank; r++) shift += a[i * rank + r] * projected[r];
            out[i] += (float) shift;
        }
        normalize(out);
        return out;
    }

    /** Bᵀ·q. */
    double[] project(float[] query) {
        double[] projected = new double[rank];
        for (int i = 0; i < dimensions; i++) {
            for (int r = 0; r < rank; r++) projected[r] += b[i * rank + r] * query[i];
        }
        return projected;
    }

    /** How far the map is from the identity: the Frobenius norm of A·Bᵀ. */
    public double distanceFromIdentity() {
        double sum = 0;
        for (int i = 0; i < dimensions; i++) {
            for (int j = 0; j < dimensions; j++) {
                double v = 0;
                for (int r = 0; r < rank; r++) v += (double) a[i * rank + r] * b[j * rank + r];
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return;
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryAdapter other && dimensions == other.dimensions && rank == other.rank
                && Arrays.equals(a, other.a) && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(a) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "QueryAdapter[" + dimensions + " x " + rank + "]";
    }
}
