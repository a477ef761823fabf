package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with personal data and secrets ingested through the API with the real model, under a policy that
 * redacts some types, tags others and skips files with private keys: what is stored, searched and counted.
 */
class SafetyIngestIT {

    @TempDir
    Path tmp;

    @Test
    void redacts_tags_skips_and_counts_through_the_api() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "support.md", """
                # Support ticket 4471

                The customer Ana Costa wrote from ana.costa@example.com about a double charge on card
                4111 1111 1111 1111. She asked to be called back on +1 415-555-0198 after five.
                """);
        Folders.write(docs, "deploy.txt", "Deploy key\n\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
                + "-----END RSA PRIVATE KEY-----\n");
        Path yaml = Files.writeString(tmp.resolve("quarry.yaml"), """
                safety:
                  pii:
                    email: redact
                    card: redact
                    private_key: skip-file
                """);
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString()));
        try (Quarry quarry = Quarry.open(config);
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(tmp))).start()) {
            Http http = new Http(server.port());
            Http.Response started = http.postJson("/v1/ingest", Map.of("folder", "docs"));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            JsonNode report = finished(http, started.json().get("id").asText()).get("report");

            assertThat(report.get("findings").toString()).isEqualTo("{\"card\":1,\"email\":1,\"phone\":1,\"private_key\":1}");
            assertThat(report.get("skipped").toString()).contains("holds private_key").doesNotContain("MIIE");

            JsonNode hit = http.postJson("/v1/search", Map.of("query", "double charge on the customer's card", "k", 1)).json().get("hits").get(0);
            String text = hit.get("text").asText();
            assertThat(text).contains("wrote from [EMAIL] about", "[CARD]").doesNotContain("ana.costa", "4111");
            JsonNode chunk = http.get("/v1/chunks/" + hit.get("chunkId").asText()).json();
            assertThat(chunk.get("end").asInt() - chunk.get("start").asInt()).isEqualTo(chunk.get("text").asText().length());

            JsonNode tagged = http.postJson("/v1/search", Map.of("query", "call back", "k", 5,
                    "filter", Map.of("tags", List.of("safety:phone")))).json().get("hits");
            assertThat(tagged).hasSize(1);
            assertThat(tagged.get(0).get("text").asText()).contains("+1 415-555-0198");

            assertThat(http.postJson("/v1/search", Map.of("query", "ana.costa@example.com", "mode", "keyword", "k", 5))
                    .json().get("hits").toString()).doesNotContain("ana.costa");
            assertThat(quarry.metrics().scrape()).contains("quarry_safety_findings_total{type=\"email\"} 1.0");
            Http.Response original = http.get("/v1/documents/" + hit.get("docId").asText() + "/file");
            assertThat(original.status()).as(original.body()).isEqualTo(403);
            assertThat(original.body()).contains("redacted").doesNotContain("ana.costa");
        }
    }

    private static JsonNode finished(Http http, String id) throws InterruptedException {
        AtomicReference<JsonNode> job = new AtomicReference<>();
        Await.until("ingest job " + id + " finishes", () -> {
            job.set(http.get("/v1/ingest/" + id).json());
            String state = job.get().get("state").asText();
            return state.equals("DONE") || state.equals("FAILED");
        });
        return job.get();
    }
}
