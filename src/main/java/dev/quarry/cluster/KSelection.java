package dev.quarry.cluster;

import java.util.Random;

/** The k, over a range, whose clustering has the highest mean silhouette. */
record KSelection(int k, double silhouette, SphericalKMeans.Result result) {

    static KSelection bySilhouette(float[][] points, int minK, int maxK, long seed) {
        KSelection best = null;
        for (int k = minK; k <= maxK; k++) {
            SphericalKMeans.Result result = SphericalKMeans.fit(points, k, new Random(seed));
            double score = Silhouette.score(points, result.assignment(), k, new Random(seed));
            if (best == null || score > best.silhouette()) best = new KSelection(k, score, result);
        }
        return best;
    }
}
