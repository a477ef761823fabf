package dev.quarry.cluster;

import java.util.Random;

/**
 * A 2-D map of the vectors: their projection on the first two principal components, found by power iteration on
 * the centred data without forming the covariance matrix (which would cost dims² memory and time per point).
 */
final class Projection {

    private static final int ITERATIONS = 50;

    private Projection() {
    }

    static float[][] pca2d(float[][] points, Random random) {
        int dims = points[0].length;
        double[] mean = new double[dims];
        for (float[] p : points) for (int d = 0; d < dims; d++) mean[d] += p[d];
        for (int d = 0; d < dims; d++) mean[d] /= points.length;

        double[] first = component(points, mean, null, random);
        double[] second = component(points, mean, first, random);
        float[][] out = new float[points.length][2];
        for (int i = 0; i < points.length; i++) {
            out[i][0] = (float) project(points[i], mean, first);
            out[i][1] = (float) project(points[i], mean, second);
        }
        return out;
    }

    /** The leading eigenvector of the covariance, orthogonal to {@code previous} when given. */
    private static double[] component(float[][] points, double[] mean, double[] previous, Random random) {
        int dims = mean.length;
        double[] v = new double[dims];
        for (int d = 0; d < dims; d++) v[d] = random.nextGaussian();
        for (int it = 0; it < ITERATIONS; it++) {
            if (previous != null) removeProjection(v, previous);
            normalize(v);
            double[] next = new double[dims];
            for (float[] p : points) {
                double s = project(p, mean, v);
                for (int d = 0; d < dims; d++) next[d] += s * (p[d] - mean[d]);
            }
            v = next;
        }
        if (previous != null) removeProjection(v, previous);
        normalize(v);
        return v;
    }

    private static double project(float[] p, double[] mean, double[] axis) {
        double s = 0;
        for (int d = 0; d < axis.length; d++) s += (p[d] - mean[d]) * axis[d];
        return s;
    }

    private static void removeProjection(double[] v, double[] axis) {
        double s = 0;
        for (int d = 0; d < v.length; d++) s += v[d] * axis[d];
        for (int d = 0; d < v.length; d++) v[d] -= s * axis[d];
    }

    private static void normalize(double[] v) {
        double n = 0;
        for (double x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return;
        for (int d = 0; d < v.length; d++) v[d] /= n;
    }
}
