package dev.quarry.cluster;

import dev.quarry.testing.HeapPeaks;
import dev.quarry.embed.Vectors;
import java.util.Random;

/**
 * Clusters 100,000 chunk-sized vectors (384 dimensions, 50 hidden groups of uneven spread) with mini-batch
 * spherical k-means and k chosen automatically over 2..20, then projects them to 2-D; prints seconds and peak heap.
 * Run by {@code scripts/bench-clusters}.
 */
public final class ClusterBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(1);
        float[][] centers = new float[50][384];
        for (float[] c : centers) {
            for (int d = 0; d < c.length; d++) c[d] = (float) random.nextGaussian();
            Vectors.normalize(c);
        }
        float[][] points = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centers[random.nextInt(centers.length)];
            double spread = 0.02 + 0.04 * random.nextDouble();
            float[] p = new float[c.length];
            for (int d = 0; d < p.length; d++) p[d] = c[d] + (float) (random.nextGaussian() * spread);
            Vectors.normalize(p);
            points[i] = p;
        }
        long dataBytes = (long) n * 384 * 4;
        HeapPeaks.reset();
        long started = System.nanoTime();
        KSelection chosen = KSelection.bySilhouette(points, 2, 20, 42);
        float[][] map = Projection.pca2d(points, new Random(42));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d vectors x 384 dims (%.0f MiB of vectors): k = %d chosen by silhouette over 2..20 (%.3f), "
                        + "mini-batch k-means and PCA map in %.1f s; peak heap %.0f MiB (%d points mapped)%n",
                n, dataBytes / 1048576.0, chosen.k(), chosen.silhouette(), seconds, HeapPeaks.bytes() / 1048576.0, map.length);
    }
}
