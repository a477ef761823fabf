package dev.quarry.embed;

import java.nio.FloatBuffer;
import org.apache.lucene.util.VectorUtil;

/** Pooling and normalization of model outputs. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Pools a {@code [rows, width, dims]} tensor of token states whose rows hold {@code lengths} real tokens each
     * (the rest is padding); only the states pooling needs are copied out of the buffer.
     */
    static float[][] pool(FloatBuffer states, int[] lengths, int width, int dims, Pooling pooling) {
        int rows = lengths.length;
        float[][] out = new float[rows][dims];
        for (int r = 0; r < rows; r++) {
            int rowBase = r * width * dims;
            switch (pooling) {
                case CLS -> states.get(rowBase, out[r]);
                case MEAN -> meanPool(states, rowBase, lengths[r], out[r]);
                case SERVER -> throw new IllegalArgumentException("server-pooled models have no token states to pool");
            }
            normalize(out[r]);
        }
        return out;
    }

    /** The mean over a row's first {@code length} tokens: the rest are padding. */
    private static void meanPool(FloatBuffer states, int rowBase, int length, float[] sum) {
        int dims = sum.length;
        for (int t = 0; t < length; t++) {
            int base = rowBase + t * dims;
            for (int d = 0; d < dims; d++) sum[d] += states.get(base + d);
        }
        for (int d = 0; d < dims; d++) sum[d] /= Math.max(1, length);
    }

    /** Scales {@code v} to unit length in place; a zero vector stays zero. */
    public static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return;
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    }

    /** The dot product, on Lucene's SIMD implementation (the JDK's vector API where enabled). */
    public static float dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }
}
