package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Judging, tuning and choosing a profile over the API, on a collection whose users ask in other words than its
 * documents use ("gamma3 …" for documents saying "alpha3 …"), which only a tuned search connects.
 */
class TuningApiTest {

    private static final int TOPICS = 12;

    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-tuning-api");
        Path docs = tmp.resolve("docs");
        for (int t = 0; t < TOPICS; t++) {
            for (int d = 0; d < 3; d++) Folders.write(docs, "topic" + t + "/doc" + d + ".txt", "alpha" + t + " report number" + d);
        }
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env, embedding -> new FakeEmbedder());
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(docs))).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        quarry.close();
    }

    @Test
    void judgedQueriesTuneTheCollectionAndAProfileIsChosenOrDroppedInOneCall() throws Exception {
        List<Map<String, Object>> judgments = new ArrayList<>();
        for (int q = 0; q < 5; q++) {
            for (int t = 0; t < TOPICS; t++) {
                for (int d = 0; d < 3; d++) {
                    judgments.add(Map.of("query", "gamma" + t + " question" + q, "docId", "topic" + t + "/doc" + d + ".txt", "grade", 1));
                }
            }
        }
        Http.Response added = http.postJson("/v1/collections/default/judgments", Map.of("judgments", judgments, "source", "studio"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(http.get("/v1/collections/default/judgments").json().get("judgments")).hasSize(180);

        Http.Response started = http.postJson("/v1/collections/default/tune", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        JsonNode run = started.json();
        // Waits for the run to end, however slow the machine: it ends DONE or FAILED.
        while (run.get("state").asText().equals("RUNNING")) {
            Thread.sleep(50);
            run = http.get(location).json();
        }
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("DONE");
        assertThat(run.get("activated").asBoolean()).as(run.toString()).isTrue();
        assertThat(run.get("heldOutHybridGain").asDouble()).isPositive();

        JsonNode tuning = http.get("/v1/collections/default/tuning").json();
        assertThat(tuning.get("active").asInt()).isEqualTo(1);
        assertThat(tuning.get("profiles").get(0).get("tunedVector").asDouble())
                .isGreaterThan(tuning.get("profiles").get(0).get("untunedVector").asDouble());

        // The studio's side by side: a judged query, untuned and tuned.
        JsonNode compared = http.postJson("/v1/compare", Map.of("query", "gamma4 question0", "k", 3,
                "left", Map.of("mode", "vector", "tuning", "none"), "right", Map.of("mode", "vector"))).json();
        assertThat(topPaths(compared.get("right"))).allMatch(p -> p.startsWith("topic4/"));
        assertThat(topPaths(compared.get("left"))).noneMatch(p -> p.startsWith("topic4/"));

        Http.Response none = http.request("PUT", "/v1/collections/default/tuning/active", "{}");
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().has("active")).as("no active profile").isFalse();
        JsonNode untuned = http.postJson("/v1/search", Map.of("query", "gamma4 question0", "k", 3, "mode", "vector")).json();
        assertThat(untuned.get("hits")).noneMatch(h -> h.get("path").asText().startsWith("topic4/"));
        assertThat(http.request("PUT", "/v1/collections/default/tuning/active", "{\"version\":7}").status()).isEqualTo(400);

        // A search may try a saved profile that is not active; an unknown one is refused naming the field.
        JsonNode named = http.postJson("/v1/search", Map.of("query", "gamma4 question0", "k", 3, "mode", "vector", "tuning", 1)).json();
        assertThat(named.get("hits")).allMatch(h -> h.get("path").asText().startsWith("topic4/"));
        Http.Response unknown = http.postJson("/v1/search", Map.of("query", "gamma4 question0", "tuning", "7"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("tuning");
        assertThat(unknown.json().get("detail").asText()).contains("no tuning profile 7");
        Http.Response nonsense = http.postJson("/v1/search", Map.of("query", "gamma4 question0", "tuning", "best"));
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.json().get("field").asText()).isEqualTo("tuning");
        Http.Response chat = http.postJson("/v1/chat", Map.of("messages", List.of(Map.of("role", "user", "content", "gamma4?")),
                "tuning", 7));
        assertThat(chat.status()).as(chat.body()).isEqualTo(400);
        assertThat(chat.json().get("field").asText()).isEqualTo("tuning");
    }

    @Test
    void badJudgmentsAreRefusedNamingTheirField() {
        Http.Response bad = http.postJson("/v1/collections/default/judgments",
                Map.of("judgments", List.of(Map.of("query", "q", "docId", "a.txt", "grade", 9))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("judgments[0].grade");
        Http.Response empty = http.postJson("/v1/collections/default/judgments", Map.of("judgments", List.of()));
        assertThat(empty.status()).isEqualTo(400);
    }

    private static List<String> topPaths(JsonNode side) {
        List<String> paths = new ArrayList<>();
        side.get("search").get("hits").forEach(h -> paths.add(h.get("path").asText()));
        return paths;
    }
}
