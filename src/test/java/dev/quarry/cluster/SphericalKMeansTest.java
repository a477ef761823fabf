package dev.quarry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.embed.Vectors;
import dev.quarry.testing.AdjustedRand;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SphericalKMeansTest {

    /** n points around each of {@code centers} random directions in 32 dimensions. */
    private static float[][] blobs(int centers, int n, double noise, List<String> truth, long seed) {
        Random random = new Random(seed);
        float[][] dirs = new float[centers][32];
        for (float[] d : dirs) {
            for (int i = 0; i < d.length; i++) d[i] = (float) random.nextGaussian();
            Vectors.normalize(d);
        }
        float[][] points = new float[centers * n][];
        for (int c = 0; c < centers; c++) {
            for (int j = 0; j < n; j++) {
                float[] p = new float[32];
                for (int i = 0; i < p.length; i++) p[i] = dirs[c][i] + (float) (random.nextGaussian() * noise);
                Vectors.normalize(p);
                points[c * n + j] = p;
                truth.add("t" + c);
            }
        }
        return points;
    }

    private static List<String> labels(int[] assignment) {
        List<String> out = new ArrayList<>();
        for (int a : assignment) out.add("c" + a);
        return out;
    }

    @Test
    void recovers_separated_groups() {
        List<String> truth = new ArrayList<>();
        float[][] points = blobs(5, 40, 0.15, truth, 1);
        SphericalKMeans.Result r = SphericalKMeans.fit(points, 5, new Random(7));
        assertThat(AdjustedRand.of(truth, labels(r.assignment()))).isGreaterThan(0.95);
    }

    @Test
    void the_same_seed_gives_the_same_clustering() {
        float[][] points = blobs(4, 30, 0.4, new ArrayList<>(), 2);
        assertThat(SphericalKMeans.fit(points, 4, new Random(3)).assignment())
                .isEqualTo(SphericalKMeans.fit(points, 4, new Random(3)).assignment());
    }

    @Test
    void mini_batches_handle_large_inputs() {
        List<String> truth = new ArrayList<>();
        float[][] points = blobs(6, 4_000, 0.2, truth, 5);
        assertThat(points.length).isGreaterThan(SphericalKMeans.MINI_BATCH_ABOVE);
        SphericalKMeans.Result r = SphericalKMeans.fit(points, 6, new Random(9));
        assertThat(AdjustedRand.of(truth, labels(r.assignment()))).isGreaterThan(0.9);
    }

    @Test
    void the_silhouette_peaks_at_the_true_number_of_groups() {
        float[][] points = blobs(6, 30, 0.12, new ArrayList<>(), 4);
        assertThat(KSelection.bySilhouette(points, 2, 12, 11).k()).isEqualTo(6);
    }

    @Test
    void pca_spreads_groups_apart_on_the_map() {
        List<String> truth = new ArrayList<>();
        float[][] points = blobs(2, 50, 0.1, truth, 8);
        float[][] map = Projection.pca2d(points, new Random(1));
        double mean0 = 0;
        double mean1 = 0;
        for (int i = 0; i < 50; i++) mean0 += map[i][0] / 50;
        for (int i = 50; i < 100; i++) mean1 += map[i][0] / 50;
        assertThat(Math.abs(mean0 - mean1)).isGreaterThan(0.5);
    }
}
