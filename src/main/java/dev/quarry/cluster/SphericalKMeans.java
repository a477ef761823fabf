package dev.quarry.cluster;

import dev.quarry.embed.Vectors;
import java.util.Random;

/**
 * k-means on the unit sphere (cosine similarity), seeded with k-means++ and deterministic for a given random
 * source. Large inputs are fitted with mini-batch updates (Sculley, 2010), so time and memory per iteration stay
 * bounded; the final assignment is always exact over all points.
 */
final class SphericalKMeans {

    /** Above this many points, fit on mini-batches instead of full passes. */
    static final int MINI_BATCH_ABOVE = 20_000;
    private static final int BATCH = 2_048;
    private static final int MAX_ITERATIONS = 50;
    private static final int RESTARTS = 8;

    record Result(float[][] centroids, int[] assignment) {
    }

    private SphericalKMeans() {
    }

    /**
     * The best of several seedings (by total similarity of points to their centroids): one k-means run can settle
     * in a poor local optimum, such as two true groups sharing a centroid. Large inputs get one run.
     */
    static Result fit(float[][] points, int k, Random random) {
        if (k < 1 || k > points.length) throw new IllegalArgumentException("k must be in 1.." + points.length + ", got " + k);
        int attempts = points.length > MINI_BATCH_ABOVE ? 1 : RESTARTS;
        Result best = null;
        double bestObjective = Double.NEGATIVE_INFINITY;
        for (int attempt = 0; attempt < attempts; attempt++) {
            float[][] centroids = seed(points, k, random);
            if (points.length > MINI_BATCH_ABOVE) {
                miniBatch(points, centroids, random);
            } else {
                lloyd(points, centroids);
            }
            int[] assignment = assign(points, centroids);
            double objective = 0;
            for (int i = 0; i < points.length; i++) objective += Vectors.dot(points[i], centroids[assignment[i]]);
            if (objective > bestObjective) {
                bestObjective = objective;
                best = new Result(centroids, assignment);
            }
        }
        return best;
    }

    /** k-means++: each next seed is drawn with probability proportional to its distance from the nearest seed. */
    private static float[][] seed(float[][] points, int k, Random random) {
        float[][] centroids = new float[k][];
        centroids[0] = points[random.nextInt(points.length)].clone();
        double[] distance = new double[points.length];
        for (int i = 0; i < points.length; i++) distance[i] = 1 - Vectors.dot(points[i], centroids[0]);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : distance) total += Math.max(0, d);
            double target = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                target -= Math.max(0, distance[i]);
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = points[chosen].clone();
            for (int i = 0; i < points.length; i++) distance[i] = Math.min(distance[i], 1 - Vectors.dot(points[i], centroids[c]));
        }
        return centroids;
    }

    private static void lloyd(float[][] points, float[][] centroids) {
        int[] assignment = new int[points.length];
        java.util.Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < points.length; i++) {
                int nearest = nearest(points[i], centroids);
                if (nearest != assignment[i]) {
                    assignment[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) return;
            float[][] sums = new float[centroids.length][points[0].length];
            for (int i = 0; i < points.length; i++) add(sums[assignment[i]], points[i], 1);
            for (int c = 0; c < centroids.length; c++) {
                // An empty cluster keeps its old centroid rather than collapsing to zero.
                if (norm(sums[c]) > 0) {
                    Vectors.normalize(sums[c]);
                    centroids[c] = sums[c];
                }
            }
        }
    }

    private static void miniBatch(float[][] points, float[][] centroids, Random random) {
        long[] counts = new long[centroids.length];
        for (int iteration = 0; iteration < MAX_ITERATIONS * 2; iteration++) {
            for (int b = 0; b < BATCH; b++) {
                float[] p = points[random.nextInt(points.length)];
                int c = nearest(p, centroids);
                counts[c]++;
                float rate = 1f / counts[c];
                for (int d = 0; d < p.length; d++) centroids[c][d] += rate * (p[d] - centroids[c][d]);
            }
            for (float[] c : centroids) Vectors.normalize(c);
        }
    }

    static int[] assign(float[][] points, float[][] centroids) {
        int[] assignment = new int[points.length];
        for (int i = 0; i < points.length; i++) assignment[i] = nearest(points[i], centroids);
        return assignment;
    }

    static int nearest(float[] p, float[][] centroids) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            float s = Vectors.dot(p, centroids[c]);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static void add(float[] sum, float[] v, float weight) {
        for (int d = 0; d < v.length; d++) sum[d] += weight * v[d];
    }

    private static double norm(float[] v) {
        return Math.sqrt(Vectors.dot(v, v));
    }
}
