package dev.quarry.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A collection's judged queries, one JSON line each in {@code judgments.jsonl}. Adding appends; a later judgment
 * of the same query and document replaces the earlier one when read; deleting rewrites the file beside itself and
 * renames it, so a crash leaves the old file or the new one.
 */
public final class JudgmentStore {

    static final String FILE = "judgments.jsonl";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public JudgmentStore(Path collectionFolder) {
        this.file = collectionFolder.resolve(FILE);
    }

    public synchronized void add(List<Judgment> judgments) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (Judgment j : judgments) {
                    out.write(json.writeValueAsString(toJson(j)));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The current judgments: the latest for each query and document, in the order they were first made. */
    public synchronized List<Judgment> all() {
        if (!Files.isRegularFile(file)) return List.of();
        Map<String, Judgment> latest = new LinkedHashMap<>();
        try {
            int line = 0;
            for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (s.isBlank()) continue;
                Judgment j;
                try {
                    j = fromJson(json.readTree(s));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException(file + " line " + line + " is not a judgment: " + e.getMessage(), e);
                }
                latest.put(j.query() + '\u0000' + j.docId(), j);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return List.copyOf(latest.values());
    }

    /** The current judgments by query: document id to grade. */
    public Map<String, Map<String, Integer>> byQuery() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (Judgment j : all()) out.computeIfAbsent(j.query(), q -> new LinkedHashMap<>()).put(j.docId(), j.grade());
        return out;
    }

    /** Removes the judgments {@code which} selects; returns how many. */
    public synchronized int delete(Predicate<Judgment> which) {
        List<Judgment> all = all();
        List<Judgment> kept = new ArrayList<>(all.stream().filter(which.negate()).toList());
        if (kept.size() == all.size()) return 0;
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Judgment j : kept) {
                    out.write(json.writeValueAsString(toJson(j)));
                    out.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
        return all.size() - kept.size();
    }

    private ObjectNode toJson(Judgment j) {
        ObjectNode n = json.createObjectNode();
        n.put("query", j.query());
        n.put("docId", j.docId());
        n.put("grade", j.grade());
        n.put("who", j.who());
        n.put("when", j.when().toString());
        n.put("source", j.source());
        return n;
    }

    private static Judgment fromJson(JsonNode n) {
        return new Judgment(n.path("query").asText(null), n.path("docId").asText(null), n.path("grade").asInt(-1),
                n.path("who").asText(""), Instant.parse(n.path("when").asText()), n.path("source").asText(""));
    }
}
