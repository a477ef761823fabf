package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/compare} over two settings, two collections built with different models, and two deployments. */
class CompareApiIT {

    private static Quarry live;
    private static ApiServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-compare-it");
        Path docs = tmp.resolve("docs");
        Folders.copyTree(Folders.sampleCorpus(), docs);
        Path yaml = Folders.write(tmp, "quarry.yaml", """
                compare:
                  collections:
                    - name: minilm
                      model: all-minilm-l6-v2
                """);
        Map<String, String> env = Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString());
        QuarryConfig config = ConfigLoader.load(env);
        live = Quarry.open(config, env);
        live.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        // The second collection has its own index with its own model, filled from the same folder.
        live.collection("minilm").ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(live, config.server().withPort(0), new IngestRoots(List.of())).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        live.close();
    }

    @Test
    void collections_list_both_models() {
        JsonNode r = http.get("/v1/collections").json();
        assertThat(r.get("default").asText()).isEqualTo("default");
        assertThat(r.get("collections")).extracting(c -> c.get("name").asText() + ":" + c.get("model").asText())
                .containsExactly("default:bge-small-en-v1.5-q", "minilm:all-minilm-l6-v2");
        assertThat(r.get("collections").get(1).get("documents").asInt()).isEqualTo(r.get("collections").get(0).get("documents").asInt());
    }

    @Test
    void two_settings_side_by_side_with_overlap_and_rank_moves() {
        JsonNode r = compare(Map.of("query", "how do I fix a flat tyre", "k", 5,
                "left", Map.of("label", "vector", "mode", "vector"), "right", Map.of("label", "keyword", "mode", "keyword")));
        assertThat(r.get("left").get("label").asText()).isEqualTo("vector");
        assertThat(r.get("left").get("search").get("mode").asText()).isEqualTo("vector");
        assertThat(r.get("right").get("search").get("mode").asText()).isEqualTo("keyword");
        assertThat(r.get("left").get("search").get("hits").get(0).get("path").asText()).startsWith("cycling/");
        assertOverlapMatchesHits(r, 5);
    }

    @Test
    void two_collections_built_with_different_models() {
        JsonNode r = compare(Map.of("query", "what makes a sauce split", "k", 5,
                "left", Map.of("mode", "vector"), "right", Map.of("mode", "vector", "collection", "minilm")));
        assertThat(r.get("left").get("collection").asText()).isEqualTo("default");
        assertThat(r.get("right").get("collection").asText()).isEqualTo("minilm");
        // Both models find the cooking documents, though not in the same order or with the same scores.
        assertThat(r.get("left").get("search").get("hits").get(0).get("path").asText()).startsWith("cooking/");
        assertThat(r.get("right").get("search").get("hits").get(0).get("path").asText()).startsWith("cooking/");
        assertThat(r.get("left").get("search").get("hits").get(0).get("score").asDouble())
                .isNotEqualTo(r.get("right").get("search").get("hits").get(0).get("score").asDouble());
        assertOverlapMatchesHits(r, 5);
    }

    @Test
    void two_deployments_answer_side_by_side() {
        JsonNode r = compare(Map.of("query", "why does mayonnaise split", "k", 3,
                "left", Map.of("deployment", "extractive", "strictness", 0.3), "right", Map.of("deployment", "extractive", "strictness", 0.99)));
        assertThat(r.get("left").get("answer").get("notFound").asBoolean()).isFalse();
        assertThat(r.get("left").get("answer").get("citations").size()).isPositive();
        assertThat(r.get("right").get("answer").get("notFound").asBoolean()).isTrue();
    }

    @Test
    void bad_sides_are_named_in_the_problem() {
        Http.Response unknown = http.postJson("/v1/compare", Map.of("query", "q", "right", Map.of("collection", "nope")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("right.collection");
        Http.Response mode = http.postJson("/v1/compare", Map.of("query", "q", "left", Map.of("fusion", Map.of("method", "magic"))));
        assertThat(mode.json().get("field").asText()).isEqualTo("left.fusion.method");
        Http.Response deployment = http.postJson("/v1/compare", Map.of("query", "q", "left", Map.of("deployment", "gpt-x")));
        assertThat(deployment.json().get("field").asText()).isEqualTo("left.deployment");
    }

    private static JsonNode compare(Map<String, Object> body) {
        Http.Response r = http.postJson("/v1/compare", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The reported overlap and moves agree with the two hit lists. */
    private static void assertOverlapMatchesHits(JsonNode r, int k) {
        Map<String, Integer> left = new HashMap<>();
        r.get("left").get("search").get("hits").forEach(h -> left.put(h.get("chunkId").asText(), h.get("rank").asInt()));
        Map<String, Integer> right = new HashMap<>();
        r.get("right").get("search").get("hits").forEach(h -> right.put(h.get("chunkId").asText(), h.get("rank").asInt()));
        long shared = left.keySet().stream().filter(right::containsKey).count();
        assertThat(r.get("overlap").get("shared").asLong()).isEqualTo(shared);
        assertThat(r.get("overlap").get("atK").asDouble()).isEqualTo((double) shared / k);
        assertThat(r.get("moves")).hasSize(left.size() + right.size() - (int) shared);
        r.get("moves").forEach(m -> {
            String id = m.get("chunkId").asText();
            assertThat(m.path("leftRank").isNull() || m.path("leftRank").isMissingNode() ? null : m.get("leftRank").asInt()).isEqualTo(left.get(id));
            assertThat(m.path("rightRank").isNull() || m.path("rightRank").isMissingNode() ? null : m.get("rightRank").asInt()).isEqualTo(right.get(id));
        });
    }
}
