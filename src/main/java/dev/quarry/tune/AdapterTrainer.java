package dev.quarry.tune;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Learns a {@link QueryAdapter} from judged queries, contrastively: for each query, a softmax over its relevant
 * chunks and its hard negatives (at a temperature), raising the share of the relevant ones; Adam in mini-batches;
 * weight decay keeps the map near the identity it starts from. Deterministic for a seed.
 */
public final class AdapterTrainer {

    /** How the adapter is learned: its rank, the pull toward the identity, the softmax temperature, the steps. */
    public record Settings(int rank, double weightDecay, double temperature, int epochs, double learningRate,
                           int batchSize, long seed) {

        public Settings {
            if (rank < 1) throw new IllegalArgumentException("tune.rank must be positive, got " + rank);
            if (weightDecay < 0) throw new IllegalArgumentException("tune.weightDecay must not be negative");
            if (!(temperature > 0)) throw new IllegalArgumentException("tune.temperature must be positive");
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("tune.epochs, batch size and learning rate must be positive");
            }
        }
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /**
     * Updates a run makes at least, however few the examples: an epoch of 60 judged queries is two mini-batches,
     * and the epochs that suit a thousand would barely move the adapter.
     */
    static final int MIN_STEPS = 600;
    /** Scale of A's random start; B starts at zero, so the adapter starts as the identity. */
    private static final double INITIAL_SCALE = 0.01;

    private final Settings settings;

    public AdapterTrainer(Settings settings) {
        this.settings = settings;
    }

    public QueryAdapter train(List<TrainingExample> examples, int dimensions) {
        int rank = settings.rank();
        SplittableRandom random = new SplittableRandom(settings.seed());
        float[] a = new float[dimensions * rank];
        for (int i = 0; i < a.length; i++) a[i] = (float) (random.nextGaussian() * INITIAL_SCALE);
        float[] b = new float[dimensions * rank];
        Adam adamA = new Adam(a.length);
        Adam adamB = new Adam(b.length);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        int stepsPerEpoch = Math.max(1, (order.length + settings.batchSize() - 1) / settings.batchSize());
        int epochs = Math.max(settings.epochs(), (MIN_STEPS + stepsPerEpoch - 1) / stepsPerEpoch);
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int to = Math.min(order.length, from + settings.batchSize());
                double[] gradA = new double[a.length];
                double[] gradB = new double[b.length];
                QueryAdapter current = new QueryAdapter(dimensions, rank, a, b);
                for (int k = from; k < to; k++) accumulate(current, examples.get(order[k]), gradA, gradB);
                int n = to - from;
                for (int i = 0; i < a.length; i++) gradA[i] = gradA[i] / n + settings.weightDecay() * a[i];
                for (int i = 0; i < b.length; i++) gradB[i] = gradB[i] / n + settings.weightDecay() * b[i];
                adamA.step(a, gradA);
                adamB.step(b, gradB);
            }
        }
        return new QueryAdapter(dimensions, rank, a.clone(), b.clone());
    }

    /** Adds one example's gradient of its loss, -log(share of the relevant chunks), to gradA and gradB. */
    private void accumulate(QueryAdapter adapter, TrainingExample example, double[] gradA, double[] gradB) {
        int dims = adapter.dimensions();
        int rank = adapter.rank();
        float[] q = example.query();
        double[] projected = adapter.project(q);
        double[] u = new double[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            double shift = 0;
            for (int r = 0; r < rank; r++) shift += adapter.a()[i * rank + r] * projected[r];
            u[i] = q[i] + shift;
            norm += u[i] * u[i];
        }
        norm = Math.sqrt(norm);
        double[] unit = new double[dims];
        for (int i = 0; i < dims; i++) unit[i] = u[i] / norm;

        float[][] pos = example.positives();
        float[][] neg = example.negatives();
        double[] scores = new double[pos.length + neg.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.length; j++) {
            float[] c = j < pos.length ? pos[j] : neg[j - pos.length];
            double s = 0;
            for (int i = 0; i < dims; i++) s += unit[i] * c[i];
            scores[j] = s / settings.temperature();
            max = Math.max(max, scores[j]);
        }
        double all = 0;
        double relevant = 0;
        for (int j = 0; j < scores.length; j++) {
            double e = Math.exp(scores[j] - max);
            all += e;
            if (j < pos.length) relevant += e;
        }
        // d loss / d unit = sum_j (p_j - [relevant] p_j / P(relevant)) * c_j / temperature
        double[] gUnit = new double[dims];
        for (int j = 0; j < scores.length; j++) {
            double e = Math.exp(scores[j] - max);
            double coefficient = e / all - (j < pos.length ? e / relevant : 0);
            if (coefficient == 0) continue;
            float[] c = j < pos.length ? pos[j] : neg[j - pos.length];
            double w = coefficient / settings.temperature();
            for (int i = 0; i < dims; i++) gUnit[i] += w * c[i];
        }
        // Through the normalization: d unit / d u = (I - unit unitᵀ) / |u|.
        double along = 0;
        for (int i = 0; i < dims; i++) along += gUnit[i] * unit[i];
        double[] gU = new double[dims];
        for (int i = 0; i < dims; i++) gU[i] = (gUnit[i] - along * unit[i]) / norm;
        // u = q + A (Bᵀ q): dA = gU projectedᵀ, dB = q (Aᵀ gU)ᵀ.
        double[] back = new double[rank];
        for (int i = 0; i < dims; i++) {
            for (int r = 0; r < rank; r++) {
                gradA[i * rank + r] += gU[i] * projected[r];
                back[r] += adapter.a()[i * rank + r] * gU[i];
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int r = 0; r < rank; r++) gradB[i * rank + r] += q[i] * back[r];
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Adam's moment estimates for one parameter array. */
    private final class Adam {
        private final double[] m;
        private final double[] v;
        private int t;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
        }

        void step(float[] params, double[] grad) {
            t++;
            double correction1 = 1 - Math.pow(BETA1, t);
            double correction2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < params.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
                params[i] -= (float) (settings.learningRate() * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON));
            }
        }
    }
}
