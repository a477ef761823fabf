package dev.quarry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The judged queries that ship with the sample corpus. */
public final class SampleQueries {

    public record Query(String id, String text, Set<String> relevant) {
    }

    private SampleQueries() {
    }

    public static List<Query> load() {
        ObjectMapper json = new ObjectMapper();
        List<Query> queries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Folders.sampleCorpus().resolve("queries.jsonl"))) {
                if (line.isBlank()) continue;
                JsonNode q = json.readTree(line);
                Set<String> relevant = new java.util.HashSet<>();
                q.get("relevant").forEach(r -> relevant.add(r.asText()));
                queries.add(new Query(q.get("_id").asText(), q.get("text").asText(), Set.copyOf(relevant)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }
}
