package dev.quarry.search;

import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.Metrics;
import dev.quarry.index.Candidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares fusions on the very lists they fuse: reads the vector and keyword hits that {@code scripts/sweep-fusion}
 * wrote for a collection ({@code target/runs/<name>-<model>.tsv}) and prints nDCG@10 of each fusion of them, with
 * Quarry's own fusion code. Takes seconds instead of the sweep's embedding of the corpus. Run by
 * {@code scripts/sweep-fusion --replay <collection dir>...}.
 */
public final class FusionReplay {

    private static final Map<String, FusionSettings> FUSIONS = new LinkedHashMap<>();

    static {
        FUSIONS.put("rrf k=60", new FusionSettings(FusionSettings.Method.RRF, 60, 0.5));
        for (double w : new double[] {0.5, 0.7}) {
            FUSIONS.put("weighted " + w, new FusionSettings(FusionSettings.Method.WEIGHTED, 60, w));
        }
        FUSIONS.put("adaptive 0.5", new FusionSettings(FusionSettings.Method.ADAPTIVE, 60, 0.5));
        for (double w : new double[] {0.5, 0.6, 0.7}) {
            FUSIONS.put("distribution " + w, new FusionSettings(FusionSettings.Method.DISTRIBUTION, 60, w));
        }
    }

    /** One query's two lists, documents numbered in the order first met. */
    private record Lists(List<Candidate> vector, List<Candidate> keyword) {
    }

    public static void main(String[] args) throws IOException {
        String model = args[0];
        for (int i = 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            Path runFile = Path.of("target", "runs", dir.getFileName() + "-" + model + ".tsv");
            if (!Files.exists(runFile)) {
                System.err.println("no " + runFile + ": run scripts/sweep-fusion " + model + " " + dir + " first");
                System.exit(1);
            }
            Map<String, Map<String, Integer>> qrels = BeirCollection.readQrels(dir.resolve("qrels.tsv"));
            List<String> docs = new ArrayList<>();
            Map<String, Integer> refs = new HashMap<>();
            Map<String, Lists> byQuery = new LinkedHashMap<>();
            for (String line : Files.readAllLines(runFile)) {
                String[] f = line.split("\t");
                Lists lists = byQuery.computeIfAbsent(f[0], q -> new Lists(new ArrayList<>(), new ArrayList<>()));
                int ref = refs.computeIfAbsent(f[2], d -> {
                    docs.add(d);
                    return docs.size() - 1;
                });
                (f[1].equals("vector") ? lists.vector() : lists.keyword()).add(new Candidate(ref, Float.parseFloat(f[4])));
            }
            Map<String, Double> ndcg = new LinkedHashMap<>();
            int queries = 0;
            for (Map.Entry<String, Lists> e : byQuery.entrySet()) {
                Map<String, Integer> judged = qrels.get(e.getKey());
                if (judged == null || judged.isEmpty()) continue;
                queries++;
                Lists l = e.getValue();
                ndcg.merge("vector", Metrics.ndcg(names(l.vector().stream().map(Candidate::ref).toList(), docs), judged, 10), Double::sum);
                ndcg.merge("keyword", Metrics.ndcg(names(l.keyword().stream().map(Candidate::ref).toList(), docs), judged, 10), Double::sum);
                for (Map.Entry<String, FusionSettings> f : FUSIONS.entrySet()) {
                    List<Integer> fused = Fusion.of(f.getValue()).fuse(l.vector(), l.keyword()).stream().map(Ranked::ref).toList();
                    ndcg.merge(f.getKey(), Metrics.ndcg(names(fused, docs), judged, 10), Double::sum);
                }
            }
            System.out.printf("%n%s (%s, %d queries): nDCG@10 of the same vector and keyword lists fused each way%n",
                    dir.getFileName(), runFile, queries);
            int n = queries;
            ndcg.forEach((name, sum) -> System.out.printf("%-18s %.4f%n", name, sum / n));
        }
    }

    /** Document ids in ranked order, each once: the run files list chunks' documents, which may repeat. */
    private static List<String> names(List<Integer> ranked, List<String> docs) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int ref : ranked) out.add(docs.get(ref));
        return List.copyOf(out);
    }
}
