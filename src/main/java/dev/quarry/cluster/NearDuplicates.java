package dev.quarry.cluster;

import dev.quarry.embed.Vectors;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups of documents at least {@code threshold} similar (cosine of their mean vectors). Candidates come from the
 * HNSW index: each document asks for its nearest chunks, so the cost grows with n log n, not with all n² pairs.
 */
public final class NearDuplicates {

    public static final double DEFAULT_THRESHOLD = 0.95;
    private static final int NEIGHBOURS = 20;

    public record Group(List<Member> members) {
    }

    public record Member(String docId, String path, String title, double similarity) {
    }

    private final ChunkIndex index;

    public NearDuplicates(ChunkIndex index) {
        this.index = index;
    }

    public List<Group> find(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, IndexedChunk> firstChunk = new HashMap<>();
        index.forEachChunk(c -> {
            float[] sum = vectors.computeIfAbsent(c.docId(), d -> new float[c.vector().length]);
            for (int d = 0; d < sum.length; d++) sum[d] += c.vector()[d];
            firstChunk.putIfAbsent(c.docId(), c);
        });
        vectors.values().forEach(Vectors::normalize);

        Map<String, String> parent = new HashMap<>();
        for (var entry : vectors.entrySet()) {
            for (ScoredChunk hit : index.vectorSearch(entry.getValue(), NEIGHBOURS, ChunkFilter.NONE)) {
                String other = hit.chunk().docId();
                if (other.equals(entry.getKey())) continue;
                if (Vectors.dot(entry.getValue(), vectors.get(other)) >= threshold) union(parent, entry.getKey(), other);
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String doc : parent.keySet()) groups.computeIfAbsent(find(parent, doc), r -> new ArrayList<>()).add(doc);
        List<Group> out = new ArrayList<>();
        for (List<String> docs : groups.values()) {
            if (docs.size() < 2) continue;
            docs.sort(null);
            float[] anchor = vectors.get(docs.getFirst());
            List<Member> members = docs.stream().map(d -> {
                IndexedChunk c = firstChunk.get(d);
                return new Member(d, c.path(), c.title(), Vectors.dot(anchor, vectors.get(d)));
            }).toList();
            out.add(new Group(members));
        }
        out.sort(Comparator.comparingInt((Group g) -> g.members().size()).reversed());
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        String root = x;
        while (!parent.get(root).equals(root)) root = parent.get(root);
        parent.put(x, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }
}
