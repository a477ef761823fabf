package dev.quarry.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test collection in BEIR format: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels.tsv} (header, then query id, document id and a
 * graded relevance score). Only judged queries are kept.
 */
public record BeirCollection(String name, List<Doc> corpus, Map<String, String> queries,
                             Map<String, Map<String, Integer>> qrels) {

    public record Doc(String id, String title, String text) {
    }

    public static BeirCollection load(Path dir) {
        if (!Files.isDirectory(dir)) throw new EvalException(dir + " is not a folder");
        for (String file : List.of("corpus.jsonl", "queries.jsonl", "qrels.tsv")) {
            if (!Files.isRegularFile(dir.resolve(file))) throw new EvalException(dir + " has no " + file + " (BEIR format)");
        }
        ObjectMapper json = new ObjectMapper();
        List<Doc> corpus = new ArrayList<>();
        readJsonLines(json, dir.resolve("corpus.jsonl"), n -> corpus.add(
                new Doc(n.get("_id").asText(), n.path("title").asText(""), n.path("text").asText(""))));
        Map<String, Map<String, Integer>> qrels = readQrels(dir.resolve("qrels.tsv"));
        Map<String, String> queries = new LinkedHashMap<>();
        readJsonLines(json, dir.resolve("queries.jsonl"), n -> {
            String id = n.get("_id").asText();
            if (qrels.containsKey(id)) queries.put(id, n.get("text").asText());
        });
        return new BeirCollection(dir.toAbsolutePath().normalize().getFileName().toString(), corpus, queries, qrels);
    }

    private static void readJsonLines(ObjectMapper json, Path file, java.util.function.Consumer<JsonNode> each) {
        int line = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = in.readLine(); s != null; s = in.readLine()) {
                line++;
                if (s.isBlank()) continue;
                JsonNode node = json.readTree(s);
                if (node == null || !node.hasNonNull("_id")) throw new EvalException(file + " line " + line + " has no _id");
                each.accept(node);
            }
        } catch (IOException e) {
            throw new EvalException("cannot read " + file + " at line " + line + ": " + e.getMessage(), e);
        }
    }

    /** Every query of a BEIR {@code queries.jsonl}, judged or not, by id. */
    public static Map<String, String> readQueries(Path file) {
        Map<String, String> queries = new LinkedHashMap<>();
        readJsonLines(new ObjectMapper(), file, n -> queries.put(n.get("_id").asText(), n.path("text").asText("")));
        return queries;
    }

    /** A BEIR {@code qrels.tsv}: query id to document id to grade. */
    public static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) continue;
                String[] cols = line.split("\t");
                if (cols.length < 3) throw new EvalException(file + " line " + (i + 1) + " needs 3 tab-separated columns");
                int grade = (int) Double.parseDouble(cols[2].strip());
                qrels.computeIfAbsent(cols[0].strip(), q -> new HashMap<>()).put(cols[1].strip(), grade);
            }
        } catch (IOException | NumberFormatException e) {
            throw new EvalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return qrels;
    }
}
