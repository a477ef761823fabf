package dev.quarry.tune;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.Vectors;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.Metrics;
import dev.quarry.index.Candidate;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexView;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Learns a collection's tuning from judged queries: a query adapter ({@link AdapterTrainer}, the judged documents'
 * best chunks as positives, the untuned search's other top chunks as hard negatives) and the fusion that ranks
 * best with it. Each fold of the judged queries is measured by a run trained on the others, so the report says how
 * tuning does on queries it did not learn from; the adapter and fusion returned are then learned from all of them.
 * No document is embedded again.
 */
public final class Tuner {

    /** How tuning runs: the adapter's training, the folds, the fewest judged queries it accepts, the negatives. */
    public record Settings(AdapterTrainer.Settings adapter, int folds, int minQueries, int negatives) {

        public static final Settings DEFAULT = new Settings(
                new AdapterTrainer.Settings(32, 0.01, 0.02, 30, 0.003, 32, 7), 5, 50, 30);

        public Settings {
            if (folds < 2) throw new IllegalArgumentException("tune.folds must be at least 2, got " + folds);
            if (minQueries < folds) throw new IllegalArgumentException("tune.minQueries must be at least the folds");
            if (negatives < 1) throw new IllegalArgumentException("tune.negatives must be positive");
        }
    }

    /** Fusions tuning chooses from; the collection's current one is always among them. */
    static final List<FusionSettings> FUSIONS = List.of(
            new FusionSettings(FusionSettings.Method.ADAPTIVE, FusionSettings.DEFAULT.rrfK(), 0.5),
            new FusionSettings(FusionSettings.Method.ADAPTIVE, FusionSettings.DEFAULT.rrfK(), 0.7),
            new FusionSettings(FusionSettings.Method.ADAPTIVE, FusionSettings.DEFAULT.rrfK(), 0.3),
            new FusionSettings(FusionSettings.Method.WEIGHTED, FusionSettings.DEFAULT.rrfK(), 0.5),
            new FusionSettings(FusionSettings.Method.WEIGHTED, FusionSettings.DEFAULT.rrfK(), 0.7),
            new FusionSettings(FusionSettings.Method.RRF, FusionSettings.DEFAULT.rrfK(), 0.5));
    /** Chunks read per measured query: enough for 100 distinct documents in most collections. */
    private static final int CHUNK_DEPTH = 200;

    private final ChunkIndex index;
    private final Embedder embedder;
    private final FusionSettings untunedFusion;
    private final Settings settings;

    public Tuner(ChunkIndex index, Embedder embedder, FusionSettings untunedFusion, Settings settings) {
        this.index = index;
        this.embedder = embedder;
        this.untunedFusion = untunedFusion;
        this.settings = settings;
    }

    /** A BEIR collection's judgments by query text; two queries of the same text pool their judgments. */
    public static Map<String, Map<String, Integer>> judgedQueries(BeirCollection collection) {
        Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
        collection.queries().forEach((id, text) -> judged.merge(text, collection.qrels().getOrDefault(id, Map.of()), (x, y) -> {
            Map<String, Integer> both = new LinkedHashMap<>(x);
            both.putAll(y);
            return both;
        }));
        return judged;
    }

    /** A judged query that has at least one relevant document in the index. */
    private record Judged(String text, Map<String, Integer> grades, TrainingExample example) {
    }

    /**
     * Tunes from {@code judged} (query text to document id to grade).
     *
     * @throws NotEnoughJudgmentsException when fewer than the minimum of queries have a relevant document indexed
     */
    public TuningReport tune(Map<String, Map<String, Integer>> judged, Consumer<String> progress) {
        long started = System.nanoTime();
        List<Judged> usable = new ArrayList<>();
        for (var e : judged.entrySet()) {
            TrainingExample example = example(embedder.embedQuery(e.getKey()), e.getValue());
            if (example != null) usable.add(new Judged(e.getKey(), e.getValue(), example));
        }
        int skipped = judged.size() - usable.size();
        // Folds by a seeded shuffle: judged queries often come grouped (by topic, by session), and a fold holding out
        // whole groups would measure something else than new queries on known ground.
        Collections.shuffle(usable, new Random(settings.adapter().seed()));
        if (usable.size() < settings.minQueries()) {
            throw new NotEnoughJudgmentsException(usable.size(), settings.minQueries(), skipped);
        }
        int dims = usable.getFirst().example().query().length;
        int folds = settings.folds();
        Map<String, float[]> untuned = new HashMap<>();
        for (Judged j : usable) untuned.put(j.text(), j.example().query());

        double[] sums = new double[8];
        for (int fold = 0; fold < folds; fold++) {
            List<Judged> train = new ArrayList<>();
            List<Judged> test = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) (i % folds == fold ? test : train).add(usable.get(i));
            progress.accept("fold " + (fold + 1) + " of " + folds + ": training on " + train.size() + " queries");
            QueryAdapter adapter = new AdapterTrainer(settings.adapter()).train(train.stream().map(Judged::example).toList(), dims);
            Map<String, float[]> tuned = adapted(adapter, untuned);
            FusionSettings fusion = bestFusion(train, tuned);
            add(sums, 0, measure(test, untuned, SearchMode.VECTOR, untunedFusion));
            add(sums, 2, measure(test, tuned, SearchMode.VECTOR, untunedFusion));
            add(sums, 4, measure(test, untuned, SearchMode.HYBRID, untunedFusion));
            add(sums, 6, measure(test, tuned, SearchMode.HYBRID, fusion));
        }
        progress.accept("training on all " + usable.size() + " queries");
        QueryAdapter adapter = new AdapterTrainer(settings.adapter()).train(usable.stream().map(Judged::example).toList(), dims);
        FusionSettings fusion = bestFusion(usable, adapted(adapter, untuned));
        int n = usable.size();
        int relevant = usable.stream().mapToInt(j -> (int) j.grades().values().stream().filter(g -> g > 0).count()).sum();
        return new TuningReport(n, relevant, skipped, folds,
                new HeldOut(sums[0] / n, sums[1] / n), new HeldOut(sums[2] / n, sums[3] / n),
                new HeldOut(sums[4] / n, sums[5] / n), new HeldOut(sums[6] / n, sums[7] / n),
                adapter, fusion, (System.nanoTime() - started) / 1_000_000);
    }

    /** The example of one query, or null when none of its relevant documents is in the index. */
    private TrainingExample example(float[] query, Map<String, Integer> grades) {
        return index.read(view -> {
            List<float[]> positives = new ArrayList<>();
            for (var g : grades.entrySet()) {
                if (g.getValue() > 0) {
                    float[] best = closestChunk(view, g.getKey(), query);
                    if (best != null) positives.add(best);
                }
            }
            if (positives.isEmpty()) return null;
            List<float[]> negatives = new ArrayList<>();
            for (Candidate c : view.vectorSearch(query, CHUNK_DEPTH, ChunkFilter.NONE)) {
                if (negatives.size() == settings.negatives()) break;
                Integer grade = grades.get(view.docId(c.ref()));
                if (grade == null || grade == 0) negatives.add(view.vector(c.ref()));
            }
            return new TrainingExample(query, positives.toArray(float[][]::new), negatives.toArray(float[][]::new));
        });
    }

    /** The document's chunk nearest to the query: the one a judge most likely found the answer in. */
    private static float[] closestChunk(IndexView view, String docId, float[] query) {
        float[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int ref : view.documentRefs(docId)) {
            float[] v = view.vector(ref);
            double s = Vectors.dot(query, v);
            if (s > bestScore) {
                bestScore = s;
                best = v;
            }
        }
        return best;
    }

    private FusionSettings bestFusion(List<Judged> queries, Map<String, float[]> vectors) {
        FusionSettings best = untunedFusion;
        double bestNdcg = measure(queries, vectors, SearchMode.HYBRID, untunedFusion).ndcg10();
        for (FusionSettings f : FUSIONS) {
            double ndcg = measure(queries, vectors, SearchMode.HYBRID, f).ndcg10();
            if (ndcg > bestNdcg) {
                best = f;
                bestNdcg = ndcg;
            }
        }
        return best;
    }

    /** Sums (not means) of nDCG@10 and Recall@100 over {@code queries}, documents ranked where their best chunk ranks. */
    private HeldOut measure(List<Judged> queries, Map<String, float[]> vectors, SearchMode mode, FusionSettings fusion) {
        Searcher searcher = new Searcher(index, new PrecomputedQueries(embedder, vectors), fusion);
        double ndcg = 0;
        double recall = 0;
        for (Judged j : queries) {
            LinkedHashSet<String> docs = new LinkedHashSet<>();
            for (SearchHit h : searcher.search(SearchQuery.of(j.text(), CHUNK_DEPTH, mode)).hits()) docs.add(h.chunk().docId());
            List<String> ranking = List.copyOf(docs);
            ndcg += Metrics.ndcg(ranking, j.grades(), 10);
            recall += Metrics.recall(ranking, j.grades(), 100);
        }
        return new HeldOut(ndcg, recall);
    }

    private static Map<String, float[]> adapted(QueryAdapter adapter, Map<String, float[]> untuned) {
        Map<String, float[]> out = new LinkedHashMap<>();
        untuned.forEach((text, v) -> out.put(text, adapter.apply(v)));
        return out;
    }

    private static void add(double[] sums, int at, HeldOut sum) {
        sums[at] += sum.ndcg10();
        sums[at + 1] += sum.recall100();
    }
}
