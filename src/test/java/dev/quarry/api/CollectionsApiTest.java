package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.Pooling;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collections over HTTP, with a fake embedder: creating, filling, searching one or several, scoped keys, deleting. */
class CollectionsApiTest {

    private static final String ADMIN = "admin-key-0123456789";
    private static final String WIKI_READER = "wiki-reader-0123456789";
    private static final String READER = "reader-key-0123456789";

    @TempDir
    Path tmp;
    private Quarry quarry;
    private ApiServer server;
    private Http http;
    private Path manual;
    private Path wiki;
    private Path wikiExtra;

    @BeforeEach
    void start() {
        manual = tmp.resolve("roots/manual");
        wiki = tmp.resolve("roots/wiki");
        wikiExtra = tmp.resolve("roots/wiki-extra");
        Folders.write(manual, "vacuum.md", "# Vacuum\n\nVacuum reclaims storage held by dead rows after updates.");
        Folders.write(manual, "backup.md", "# Backup\n\nA dump file restores the database after a disk failure.");
        Folders.write(wiki, "onboarding.md", "# Onboarding\n\nNew engineers get a laptop and a storage quota on day one.");
        Folders.write(wikiExtra, "onboarding.md", "# Extra onboarding\n\nEngineers also get a storage locker.");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_PORT", "0",
                "QUARRY_API_KEYS", "admin:" + ADMIN + ",reader@wiki:" + WIKI_READER + ",reader:" + READER));
        // Every model is the fake one; the MiniLM id gets a fake of its own name, so its scores count as another model's.
        quarry = Quarry.open(config, Map.of(), embedding -> embedding instanceof EmbeddingConfig.Onnx onnx
                && onnx.model().id().equals("all-minilm-l6-v2") ? new NamedFake("fake-minilm") : new FakeEmbedder());
        server = new ApiServer(quarry, config.server(), new IngestRoots(List.of(tmp.resolve("roots")))).start();
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
    }

    private Http.Response as(String key, String method, String path, String body) {
        return http.request(method, path, body, "Authorization", "Bearer " + key);
    }

    private void awaitJobs(JsonNode created) throws InterruptedException {
        for (JsonNode job : created.get("ingestJobs")) {
            Await.until("ingest job finished", () -> as(ADMIN, "GET", "/v1/ingest/" + job.asText(), null).json()
                    .get("state").asText().matches("DONE|FAILED"));
            assertThat(as(ADMIN, "GET", "/v1/ingest/" + job.asText(), null).json().get("state").asText()).isEqualTo("DONE");
        }
    }

    private JsonNode create(String body) throws InterruptedException {
        Http.Response r = as(ADMIN, "POST", "/v1/collections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        awaitJobs(r.json());
        return r.json();
    }

    @Test
    void a_collection_with_two_sources_prefixes_each_sources_ids_and_keeps_both() throws Exception {
        create("""
                {"name": "wiki", "sources": [{"folder": "wiki"}, {"folder": "wiki-extra", "name": "extra"}]}""");

        JsonNode hits = as(READER, "POST", "/v1/search", """
                {"query": "onboarding storage", "collection": "wiki", "k": 10}""").json().get("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.get("collection").asText() + ":" + h.get("docId").asText()));
        assertThat(ids).containsExactlyInAnyOrder("wiki:wiki/onboarding.md", "wiki:extra/onboarding.md");

        JsonNode described = as(READER, "GET", "/v1/collections/wiki", null).json();
        assertThat(described.get("documents").asInt()).isEqualTo(2);
        assertThat(described.get("sources")).extracting(s -> s.get("name").asText()).containsExactly("wiki", "extra");
        Http.Response file = as(READER, "GET", "/v1/documents/extra/onboarding.md/file?collection=wiki", null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).contains("storage locker");
    }

    @Test
    void a_search_over_several_collections_merges_them_and_names_each_hits_collection() throws Exception {
        create("""
                {"name": "manual", "sources": [{"folder": "manual"}]}""");
        create("""
                {"name": "wiki", "model": "all-minilm-l6-v2", "sources": [{"folder": "wiki"}]}""");

        JsonNode r = as(READER, "POST", "/v1/search", """
                {"query": "storage", "collections": ["manual", "wiki"], "k": 10}""").json();
        List<String> found = new ArrayList<>();
        r.get("hits").forEach(h -> found.add(h.get("collection").asText() + ":" + h.get("docId").asText()));
        assertThat(found).contains("manual:manual/vacuum.md", "wiki:wiki/onboarding.md");
        assertThat(r.get("hits").get(0).get("rank").asInt()).isEqualTo(1);

        Http.Response unknown = as(READER, "POST", "/v1/search", """
                {"query": "storage", "collections": ["manual", "nope"]}""");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asText()).isEqualTo("collections");
    }

    @Test
    void a_key_scoped_to_a_collection_sees_no_other_and_is_told_nothing_of_them() throws Exception {
        create("""
                {"name": "wiki", "sources": [{"folder": "wiki"}]}""");
        as(ADMIN, "POST", "/v1/ingest", """
                {"folder": "manual"}""");

        JsonNode listed = as(WIKI_READER, "GET", "/v1/collections", null).json();
        assertThat(listed.has("default")).isFalse();
        assertThat(listed.get("collections")).extracting(c -> c.get("name").asText()).containsExactly("wiki");

        // Without a name, the one collection the key may use.
        JsonNode hits = as(WIKI_READER, "POST", "/v1/search", """
                {"query": "onboarding"}""").json().get("hits");
        assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(h.get("collection").asText()).isEqualTo("wiki"));

        // Another collection answers exactly as one that does not exist, on every kind of route.
        for (String[] call : List.of(
                new String[]{"POST", "/v1/search", "{\"query\": \"vacuum\", \"collection\": \"%s\"}"},
                new String[]{"POST", "/v1/chat", "{\"messages\": [{\"role\": \"user\", \"content\": \"vacuum?\"}], \"collection\": \"%s\"}"},
                new String[]{"GET", "/v1/collections/%s", null},
                new String[]{"GET", "/v1/documents/vacuum.md?collection=%s", null},
                new String[]{"GET", "/v1/clusters?collection=%s", null})) {
            Http.Response hidden = as(WIKI_READER, call[0], call[1].formatted("default"), call[2] == null ? null : call[2].formatted("default"));
            Http.Response missing = as(WIKI_READER, call[0], call[1].formatted("nope"), call[2] == null ? null : call[2].formatted("nope"));
            assertThat(hidden.status()).as(call[1]).isEqualTo(404);
            assertThat(hidden.body().replace("default", "nope")).as(call[1]).isEqualTo(missing.body());
        }
    }

    @Test
    void a_deleted_collection_is_gone_with_its_files_and_the_default_one_stays() throws Exception {
        create("""
                {"name": "wiki", "sources": [{"folder": "wiki"}]}""");
        assertThat(Files.exists(tmp.resolve("data/wiki"))).isTrue();

        assertThat(as(READER, "DELETE", "/v1/collections/wiki", null).status()).isEqualTo(403);
        assertThat(as(ADMIN, "DELETE", "/v1/collections/wiki", null).status()).isEqualTo(204);
        assertThat(Files.exists(tmp.resolve("data/wiki"))).isFalse();
        assertThat(as(READER, "GET", "/v1/collections/wiki", null).status()).isEqualTo(404);

        Http.Response keep = as(ADMIN, "DELETE", "/v1/collections/default", null);
        assertThat(keep.status()).isEqualTo(409);
        Http.Response twice = as(ADMIN, "POST", "/v1/collections", "{\"name\": \"default\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("field").asText()).isEqualTo("name");
        // The chunker needs the overlap under half a chunk: the answer is a 400 naming it, not a 500.
        Http.Response overlap = as(ADMIN, "POST", "/v1/collections", """
                {"name": "notes", "chunking": {"maxTokens": 64, "overlapTokens": 40}}""");
        assertThat(overlap.status()).as(overlap.body()).isEqualTo(400);
        assertThat(overlap.json().get("field").asText()).isEqualTo("chunking.overlapTokens");
        for (String bad : List.of("../etc", "logs", "")) {
            Http.Response badName = as(ADMIN, "POST", "/v1/collections", "{\"name\": \"" + bad + "\"}");
            assertThat(badName.status()).as(bad).isEqualTo(400);
            assertThat(badName.json().get("field").asText()).isEqualTo("name");
        }
    }

    @Test
    void collections_survive_a_restart_with_their_vector_format() throws Exception {
        create("""
                {"name": "wiki", "vectors": "int7", "sources": [{"folder": "wiki"}]}""");
        Http.Response wrong = as(ADMIN, "POST", "/v1/collections", """
                {"name": "notes", "vectors": "int8"}""");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("field").asText()).isEqualTo("vectors");
        server.close();
        quarry.close();
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_PORT", "0"));
        quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
        server = new ApiServer(quarry, config.server(), new IngestRoots(List.of(tmp.resolve("roots")))).start();
        http = new Http(server.port());

        JsonNode wikiNow = http.get("/v1/collections/wiki").json();
        assertThat(wikiNow.get("documents").asInt()).isEqualTo(1);
        assertThat(wikiNow.get("sources").get(0).get("folder").asText()).isEqualTo(wiki.toRealPath().toString());
        assertThat(wikiNow.get("vectors").asText()).isEqualTo("int7");
        assertThat(http.get("/v1/collections/default").json().get("vectors").asText()).isEqualTo("float");
        JsonNode hits = http.post("/v1/search", """
                {"query": "onboarding storage", "collection": "wiki"}""").json().get("hits");
        assertThat(hits.get(0).get("docId").asText()).isEqualTo("wiki/onboarding.md");
    }

    /** The fake embedder under another model's name. */
    private static final class NamedFake extends FakeEmbedder {
        private final String id;

        NamedFake(String id) {
            this.id = id;
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo(id, DIMENSIONS, Pooling.MEAN, "", "", 512);
        }
    }
}
