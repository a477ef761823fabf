package dev.quarry.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdapterTrainerTest {

    private static final int DIMS = 16;

    @Test
    void anUntrainedAdapterLeavesTheQueryAsItIs() {
        QueryAdapter identity = new QueryAdapter(DIMS, 2, new float[DIMS * 2], new float[DIMS * 2]);
        float[] q = unit(new SplittableRandom(1));
        assertThat(identity.apply(q)).containsExactly(q, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(identity.distanceFromIdentity()).isZero();
    }

    @Test
    void learnsWhereRelevantDocumentsLieAndGeneralizesToQueriesItDidNotSee() {
        // Relevant documents answer in a direction the query does not point to: the first half of the dimensions
        // of each query is mirrored into the second half. Untuned, the relevant document is far down the ranking.
        SplittableRandom random = new SplittableRandom(3);
        List<float[]> corpus = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            float[] q = unit(random);
            queries.add(q);
            corpus.add(relevantTo(q, random));
        }
        for (int i = 0; i < 200; i++) corpus.add(unit(random));
        List<TrainingExample> train = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] q = queries.get(i);
            train.add(new TrainingExample(q, new float[][] {corpus.get(i)}, hardNegatives(q, corpus, i, 20)));
        }
        QueryAdapter adapter = new AdapterTrainer(new AdapterTrainer.Settings(4, 1e-4, 0.05, 40, 0.01, 16, 7))
                .train(train, DIMS);

        double before = 0;
        double after = 0;
        for (int i = 200; i < 240; i++) {
            before += rank(queries.get(i), corpus, i);
            after += rank(adapter.apply(queries.get(i)), corpus, i);
        }
        assertThat(after / 40).isLessThan(before / 40 / 3);
        assertThat(adapter.distanceFromIdentity()).isPositive();
    }

    @Test
    void theSameSeedLearnsTheSameAdapter() {
        SplittableRandom random = new SplittableRandom(5);
        List<TrainingExample> train = new ArrayList<>();
        for (int i = 0; i < 20; i++) train.add(new TrainingExample(unit(random), new float[][] {unit(random)}, new float[][] {unit(random)}));
        AdapterTrainer.Settings settings = new AdapterTrainer.Settings(2, 1e-3, 0.05, 3, 0.01, 8, 11);
        assertThat(new AdapterTrainer(settings).train(train, DIMS)).isEqualTo(new AdapterTrainer(settings).train(train, DIMS));
    }

    @Test
    void refusesSettingsThatCannotTrain() {
        assertThatThrownBy(() -> new AdapterTrainer.Settings(0, 0, 0.05, 1, 0.01, 1, 1)).hasMessageContaining("rank");
        assertThatThrownBy(() -> new AdapterTrainer.Settings(1, 0, 0, 1, 0.01, 1, 1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new TrainingExample(new float[DIMS], new float[0][], new float[0][])).hasMessageContaining("relevant");
    }

    private static float[] relevantTo(float[] q, SplittableRandom random) {
        float[] d = new float[DIMS];
        for (int i = 0; i < DIMS / 2; i++) d[DIMS / 2 + i] = q[i];
        for (int i = 0; i < DIMS; i++) d[i] += (float) (random.nextGaussian() * 0.05);
        QueryAdapter.normalize(d);
        return d;
    }

    private static float[][] hardNegatives(float[] q, List<float[]> corpus, int relevant, int count) {
        List<Integer> order = ranking(q, corpus);
        return order.stream().filter(d -> d != relevant).limit(count).map(corpus::get).toArray(float[][]::new);
    }

    private static int rank(float[] q, List<float[]> corpus, int relevant) {
        return ranking(q, corpus).indexOf(relevant) + 1;
    }

    private static List<Integer> ranking(float[] q, List<float[]> corpus) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) order.add(i);
        order.sort((x, y) -> Double.compare(dot(q, corpus.get(y)), dot(q, corpus.get(x))));
        return order;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static float[] unit(SplittableRandom random) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) v[i] = (float) random.nextGaussian();
        QueryAdapter.normalize(v);
        return v;
    }
}
