package dev.quarry.cluster;

import dev.quarry.embed.Vectors;
import java.util.Random;

/**
 * The mean silhouette of a clustering under cosine distance, on a random sample of at most {@code SAMPLE} points so
 * it stays cheap: for each point, how much closer it is to its own cluster than to the nearest other one (-1..1).
 */
final class Silhouette {

    static final int SAMPLE = 2_000;

    private Silhouette() {
    }

    static double score(float[][] points, int[] assignment, int k, Random random) {
        int[] sample = sample(points.length, random);
        double total = 0;
        int counted = 0;
        for (int i : sample) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j : sample) {
                if (i == j) continue;
                sum[assignment[j]] += 1 - Vectors.dot(points[i], points[j]);
                count[assignment[j]]++;
            }
            int own = assignment[i];
            if (count[own] == 0) continue;
            double a = sum[own] / count[own];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) if (c != own && count[c] > 0) b = Math.min(b, sum[c] / count[c]);
            if (b == Double.MAX_VALUE) continue;
            total += (b - a) / Math.max(a, b);
            counted++;
        }
        return counted == 0 ? 0 : total / counted;
    }

    private static int[] sample(int n, Random random) {
        if (n <= SAMPLE) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        return random.ints(0, n).distinct().limit(SAMPLE).toArray();
    }
}
