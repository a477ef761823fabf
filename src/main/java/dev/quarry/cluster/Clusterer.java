package dev.quarry.cluster;

import dev.quarry.embed.Vectors;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Finds groups of similar documents or chunks in an index: spherical k-means on their vectors (a document's vector
 * is the normalized mean of its chunks'), k chosen by the silhouette when not given, c-TF-IDF labels and a PCA map.
 */
public final class Clusterer {

    private static final int REPRESENTATIVES = 3;

    private final ChunkIndex index;
    private final Labeler labeler = new Labeler();

    public Clusterer(ChunkIndex index) {
        this.index = index;
    }

    /** One item to cluster: a document or a chunk. */
    record Item(String id, String docId, String path, String title, float[] vector, List<String> texts) {
    }

    public ClusterReport cluster(ClusterSettings settings) {
        List<Item> items = settings.level() == ClusterSettings.Level.DOCUMENT ? documents() : chunks();
        if (items.size() < 2) throw new IllegalArgumentException("clustering needs at least 2 " + levelName(settings) + "s, the index has " + items.size());
        float[][] points = centered(items.stream().map(Item::vector).toArray(float[][]::new));

        int k;
        Double silhouette = null;
        String selection;
        SphericalKMeans.Result result;
        if (settings.k() != null) {
            k = Math.min(settings.k(), items.size());
            result = SphericalKMeans.fit(points, k, new Random(settings.seed()));
            selection = "given";
        } else {
            KSelection chosen = KSelection.bySilhouette(points, settings.minK(), Math.min(settings.maxK(), items.size() - 1), settings.seed());
            k = chosen.k();
            silhouette = chosen.silhouette();
            result = chosen.result();
            selection = "silhouette (cosine, sample of up to " + Silhouette.SAMPLE + ") over k = " + settings.minK() + ".."
                    + Math.min(settings.maxK(), items.size() - 1);
        }
        return report(settings, items, points, result, k, selection, silhouette);
    }

    private ClusterReport report(ClusterSettings settings, List<Item> items, float[][] points, SphericalKMeans.Result result,
                                 int k, String selection, Double silhouette) {
        float[][] map = Projection.pca2d(points, new Random(settings.seed()));
        List<List<Integer>> byCluster = new ArrayList<>();
        for (int c = 0; c < k; c++) byCluster.add(new ArrayList<>());
        for (int i = 0; i < items.size(); i++) byCluster.get(result.assignment()[i]).add(i);

        List<List<String>> texts = new ArrayList<>();
        for (List<Integer> members : byCluster) {
            List<String> t = new ArrayList<>();
            for (int i : members) t.addAll(items.get(i).texts());
            texts.add(t);
        }
        List<List<String>> labels = labeler.label(texts);

        List<ClusterReport.Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Integer> members = byCluster.get(c);
            if (members.isEmpty()) continue;
            float[] centroid = result.centroids()[c];
            List<ClusterReport.Member> out = new ArrayList<>();
            double cohesion = 0;
            for (int i : members) {
                Item item = items.get(i);
                double sim = Vectors.dot(points[i], centroid);
                cohesion += sim;
                out.add(new ClusterReport.Member(item.id(), item.docId(), item.path(), item.title(), sim, map[i][0], map[i][1]));
            }
            out.sort(Comparator.comparingDouble(ClusterReport.Member::similarity).reversed());
            List<String> representatives = out.stream().limit(REPRESENTATIVES).map(ClusterReport.Member::id).toList();
            clusters.add(new ClusterReport.Cluster(clusters.size(), members.size(), String.join(", ", labels.get(c)),
                    labels.get(c), representatives, cohesion / members.size(), out));
        }
        clusters.sort(Comparator.comparingInt(ClusterReport.Cluster::size).reversed());
        List<ClusterReport.Cluster> numbered = new ArrayList<>();
        for (ClusterReport.Cluster c : clusters) {
            numbered.add(new ClusterReport.Cluster(numbered.size(), c.size(), c.label(), c.terms(), c.representatives(),
                    c.cohesion(), c.members()));
        }
        return new ClusterReport(levelName(settings), k, selection, silhouette, settings.seed(), numbered);
    }

    /**
     * Sentence embeddings share a large common direction (every text looks a little like every other); removing
     * the mean before clustering lets the topical directions decide.
     */
    static float[][] centered(float[][] vectors) {
        float[] mean = new float[vectors[0].length];
        for (float[] v : vectors) for (int d = 0; d < mean.length; d++) mean[d] += v[d] / vectors.length;
        float[][] out = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            float[] c = new float[mean.length];
            for (int d = 0; d < mean.length; d++) c[d] = vectors[i][d] - mean[d];
            Vectors.normalize(c);
            out[i] = c;
        }
        return out;
    }

    private List<Item> documents() {
        Map<String, List<IndexedChunk>> byDoc = new LinkedHashMap<>();
        index.forEachChunk(c -> byDoc.computeIfAbsent(c.docId(), d -> new ArrayList<>()).add(c));
        List<Item> items = new ArrayList<>(byDoc.size());
        byDoc.forEach((docId, chunks) -> {
            float[] mean = new float[chunks.getFirst().vector().length];
            for (IndexedChunk c : chunks) for (int d = 0; d < mean.length; d++) mean[d] += c.vector()[d];
            Vectors.normalize(mean);
            IndexedChunk first = chunks.getFirst();
            items.add(new Item(docId, docId, first.path(), first.title(), mean,
                    chunks.stream().map(c -> c.title() + " " + c.text()).toList()));
        });
        items.sort(Comparator.comparing(Item::id));
        return items;
    }

    private List<Item> chunks() {
        List<Item> items = new ArrayList<>();
        index.forEachChunk(c -> items.add(new Item(c.chunkId(), c.docId(), c.path(), c.title(), c.vector(), List.of(c.text()))));
        items.sort(Comparator.comparing(Item::id));
        return items;
    }

    private static String levelName(ClusterSettings settings) {
        return settings.level().name().toLowerCase(Locale.ROOT);
    }
}
