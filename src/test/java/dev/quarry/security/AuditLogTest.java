package dev.quarry.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path tmp;

    @Test
    void text_that_utf8_cannot_hold_is_escaped_and_later_entries_still_append_whole() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        try (AuditLog audit = new AuditLog(file, Clock.systemUTC())) {
            audit.record("r1", "writer-1", "writer", "127.0.0.1", "POST", "/v1/ingest", "\ud800", 400);
            audit.record("r2", "writer-1", "writer", "127.0.0.1", "POST", "/v1/ingest", "docs/é", 202);
            audit.record("r3", "writer-1", "writer", "127.0.0.1", "DELETE", "/v1/documents/a.md", "a.md", 204);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> entries = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object per line: " + l, e);
            }
        }).toList();
        assertThat(entries).extracting(e -> e.get("target").asText()).containsExactly("\ud800", "docs/é", "a.md");
        assertThat(entries).extracting(e -> e.get("outcome").asText()).containsExactly("rejected", "ok", "ok");
    }
}
