package dev.quarry.embed;

import java.nio.FloatBuffer;
import org.apache.lucene.util.VectorUtil;

/** Pooling and normalization of model outputs. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Pools a {@code [rows, width, dims]} tensor of token states, read in place from the runtime's buffer so that
     * only the states pooling needs are copied.
     */
    static float[][] pool(FloatBuffer states, long[] mask, int rows, int width, int dims, Pooling pooling) {
        float[][] out = new float[rows][dims];
        for (int r = 0; r < rows; r++) {
            int rowBase = r * width * dims;
            switch (pooling) {
                case CLS -> states.get(rowBase, out[r]);
                case MEAN -> meanPool(states, mask, r * width, rowBase, width, out[r]);
                case SERVER -> throw new IllegalArgumentException("server-pooled models have no token states to pool");
            }
            normalize(out[r]);
        }
        return out;
    }

    private static void meanPool(FloatBuffer states, long[] mask, int maskBase, int rowBase, int width, float[] sum) {
        int dims = sum.length;
        int count = 0;
        for (int t = 0; t < width; t++) {
            if (mask[maskBase + t] == 0) continue;
            count++;
            int base = rowBase + t * dims;
            for (int d = 0; d < dims; d++) sum[d] += states.get(base + d);
        }
        for (int d = 0; d < dims; d++) sum[d] /= Math.max(1, count);
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
