package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Lease;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.testing.Await;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-embedding a served collection with the other bundled model while searches keep arriving, with the real models,
 * real Lucene and a real server on port 0: no search fails, the swap brings the new model's results, a search that
 * holds the old generation finishes on it, and rollback brings back the old results exactly.
 */
class ReindexIT {

    private static final String FIRST = "bge-small-en-v1.5-q";
    private static final String SECOND = "all-minilm-l6-v2";
    private static final String QUERY = "what makes a sauce split";

    private static Quarry live;
    private static ApiServer server;
    private static Http http;

    /** Two topics of the sample corpus, so the query has neighbours to tell apart and the test stays quick. */
    @BeforeAll
    static void start() throws Exception {
        Path tmp = Files.createTempDirectory("h-reindex-it");
        Path docs = tmp.resolve("docs");
        for (String topic : List.of("cooking", "cycling")) Folders.copyTree(Folders.sampleCorpus().resolve(topic), docs.resolve(topic));
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        QuarryConfig config = ConfigLoader.load(env);
        live = Quarry.open(config, env);
        Collection corpus = live.collections().create(live.collections().describe("corpus", FIRST, null));
        corpus.ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(live, config.server().withPort(0), new IngestRoots(List.of(tmp))).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (live != null) live.close();
    }

    private static List<String> search() {
        Http.Response r = http.postJson("/v1/search", Map.of("query", QUERY, "collection", "corpus", "k", 5));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return hits(r.json().get("hits"));
    }

    /** Each hit's chunk and score: equal lists mean the same generation answered. */
    private static List<String> hits(JsonNode hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.get("chunkId").asText() + "@" + h.get("score").asText()));
        return out;
    }

    /**
     * The same chunks in the same order with the same scores, up to the last bits of a float: the reopened index
     * answers as it did before the reindex.
     */
    private static void assertSameHits(List<String> actual, List<String> expected) {
        assertThat(ids(actual)).isEqualTo(ids(expected));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(score(actual.get(i))).as(actual.get(i)).isCloseTo(score(expected.get(i)), within(1e-6));
        }
    }

    private static List<String> ids(List<String> hits) {
        return hits.stream().map(h -> h.substring(0, h.indexOf('@'))).toList();
    }

    private static double score(String hit) {
        return Double.parseDouble(hit.substring(hit.indexOf('@') + 1));
    }

    private JsonNode awaitJob(String location) throws InterruptedException {
        Await.until("reindex finished", () -> http.get(location).json().get("state").asText().matches("DONE|FAILED"));
        return http.get(location).json();
    }

    @Test
    void searches_never_fail_while_a_collection_is_reembedded_with_the_other_model_and_rollback_restores_it() throws Exception {
        List<String> before = search();
        SearchQuery direct = SearchQuery.of(QUERY, 5, SearchMode.HYBRID);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger searched = new AtomicInteger();
        AtomicBoolean stopSearching = new AtomicBoolean();
        CompletableFuture<Void> searching = CompletableFuture.runAsync(() -> {
            while (!stopSearching.get()) {
                Http.Response r = http.postJson("/v1/search", Map.of("query", QUERY, "collection", "corpus", "k", 5));
                if (r.status() != 200) failures.add(r.status() + " " + r.body());
                searched.incrementAndGet();
            }
        });
        // A search that started before the swap: it holds the old generation until it is done.
        Lease held = live.collection("corpus").lease();

        Http.Response started = http.postJson("/v1/collections/corpus/reindex", Map.of("model", SECOND,
                "chunking", Map.of("maxTokens", 200)));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(http.postJson("/v1/collections/corpus/reindex", Map.of()).status()).isEqualTo(409);
        JsonNode job = awaitJob(started.header("Location"));
        int afterSwap = searched.get();
        Await.until("searches after the swap", () -> searched.get() > afterSwap + 3);
        stopSearching.set(true);
        searching.join();

        assertThat(job.get("error")).isNull();
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("phase").asText()).isEqualTo("SWAPPED");
        assertThat(job.get("previous").asInt()).isEqualTo(1);
        assertThat(job.get("filesDone").asInt()).isPositive().isEqualTo(job.get("filesTotal").asInt());
        assertThat(failures).isEmpty();
        assertThat(searched.get()).isGreaterThan(afterSwap);
        JsonNode described = http.get("/v1/collections/corpus").json();
        assertThat(described.get("model").asText()).isEqualTo(SECOND);
        assertThat(described.get("chunking").get("maxTokens").asInt()).isEqualTo(200);
        List<String> after = search();
        assertThat(after).isNotEqualTo(before);

        // The held search runs after the swap, on the generation it started on, and gets the old model's results.
        assertThat(held.generation()).isEqualTo(1);
        assertThat(held.embedder().model().id()).isEqualTo(FIRST);
        List<String> heldHits = new ArrayList<>();
        held.searcher().search(direct).hits().forEach(h -> heldHits.add(h.chunk().chunkId() + "@" + h.score()));
        held.close();
        assertSameHits(heldHits, before);

        JsonNode generations = http.get("/v1/collections/corpus/generations").json().get("generations");
        assertThat(generations).hasSize(2);
        assertThat(generations.get(0).get("model").asText()).isEqualTo(FIRST);
        assertThat(generations.get(0).get("previous").asBoolean()).isTrue();
        assertThat(generations.get(1).get("model").asText()).isEqualTo(SECOND);
        assertThat(generations.get(1).get("live").asBoolean()).isTrue();

        Http.Response rolledBack = http.postJson("/v1/collections/corpus/rollback", Map.of());
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("generation").asInt()).isEqualTo(1);
        assertThat(rolledBack.json().get("model").asText()).isEqualTo(FIRST);
        assertSameHits(search(), before);
        assertThat(http.get("/v1/collections/corpus").json().get("model").asText()).isEqualTo(FIRST);

        assertThat(http.request("DELETE", "/v1/collections/corpus/generations/1", null).status()).isEqualTo(409);
        assertThat(http.request("DELETE", "/v1/collections/corpus/generations/2", null).status()).isEqualTo(204);
        assertThat(http.get("/v1/collections/corpus/generations").json().get("generations")).hasSize(1);
    }

    @Test
    void bad_reindex_requests_name_the_field() {
        Http.Response unknown = http.postJson("/v1/collections/corpus/reindex", Map.of("model", "no-such-model"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("model");
        Http.Response chunking = http.postJson("/v1/collections/corpus/reindex", Map.of("chunking", Map.of("overlapTokens", 500)));
        assertThat(chunking.status()).isEqualTo(400);
        assertThat(chunking.json().get("field").asText()).isEqualTo("chunking.overlapTokens");
        Http.Response unknownOption = http.postJson("/v1/collections/corpus/reindex", Map.of("modle", SECOND));
        assertThat(unknownOption.status()).isEqualTo(400);
        Http.Response defaultCollection = http.postJson("/v1/collections/default/reindex", Map.of("model", SECOND));
        assertThat(defaultCollection.status()).isEqualTo(409);
        assertThat(defaultCollection.json().get("detail").asText()).contains("quarry.yaml");
    }
}
