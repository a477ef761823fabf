package dev.quarry.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled snippets of {@code labelled-snippets.jsonl}: one JSON object per line with {@code text} and the
 * {@code findings} in it ({@code type}, {@code start}, {@code end}); snippets without findings are hard negatives.
 * Every value is synthetic: card numbers and IBANs carry valid check digits, phone numbers are in fictional ranges.
 * The {@code dev} split was written with the detectors and tunes them; the {@code heldout} split was written after,
 * in new phrasings and formats, and only measures them.
 */
record LabelledSnippets(List<Snippet> snippets) {

    record Snippet(String id, String split, String text, List<Finding> findings) {
    }

    static LabelledSnippets load() {
        ObjectMapper json = new ObjectMapper();
        List<Snippet> out = new ArrayList<>();
        try (InputStream in = LabelledSnippets.class.getResourceAsStream("labelled-snippets.jsonl")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                JsonNode row = json.readTree(line);
                List<Finding> findings = new ArrayList<>();
                for (JsonNode f : row.path("findings")) {
                    findings.add(new Finding(FindingType.of(f.path("type").asText()).orElseThrow(), f.path("start").asInt(), f.path("end").asInt()));
                }
                out.add(new Snippet(row.path("id").asText(), row.path("split").asText(), row.path("text").asText(), findings));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelledSnippets(out);
    }

    LabelledSnippets split(String name) {
        return new LabelledSnippets(snippets.stream().filter(s -> s.split().equals(name)).toList());
    }

    /** Scores {@code detectors} against the labels: a finding counts only with the exact type and offsets. */
    DetectionScores score(Detectors detectors) {
        DetectionScores scores = new DetectionScores();
        for (Snippet s : snippets) scores.add(s.text(), s.findings(), detectors.scan(s.text()));
        return scores;
    }
}
