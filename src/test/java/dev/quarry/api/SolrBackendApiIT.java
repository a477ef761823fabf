package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexException;
import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrSettings;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SampleQueries;
import dev.quarry.testing.SlowProxy;
import dev.quarry.testing.SolrTestCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default collection served from a SolrCloud collection of two shards with two replicas each, configured in
 * quarry.yaml, through the normal API: the sample corpus ingested with the real model, then searched, read by id,
 * clustered and chatted with.
 */
class SolrBackendApiIT {

    private static Path data;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;
    private static IngestReport report;
    /** Between Quarry and the cluster for the collection 'slow' only. */
    private static SlowProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("quarry-solr-api-it");
        String solr = "    backend: solr\n    solr: {urls: '" + String.join(", ", SolrTestCluster.shared().urls())
                + "', shards: 2, replicas: 2}\n";
        URI node = URI.create(SolrTestCluster.shared().urls().getFirst());
        proxy = SlowProxy.to(node.getHost(), node.getPort());
        String slow = "    backend: solr\n    solr: {urls: 'http://127.0.0.1:" + proxy.port() + node.getPath()
                + "', shards: 2, replicas: 2, timeoutSeconds: 5}\n";
        Path yaml = Folders.write(data, "quarry.yaml", "collections:\n  - name: default\n" + solr + "  - name: extra\n" + solr
                + "  - name: slow\n" + slow);
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", yaml.toString(),
                "QUARRY_DATA", data.resolve("data").toString(), "QUARRY_PORT", "0"));
        quarry = Quarry.open(config);
        report = quarry.defaultCollection().ingest(Folders.sampleCorpus(), null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server()).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        if (proxy != null) proxy.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void the_sample_corpus_is_ingested_into_solr_and_an_unchanged_folder_writes_nothing() {
        assertThat(quarry.config().backend("default")).isInstanceOf(IndexBackend.Solr.class);
        assertThat(report.added()).isGreaterThanOrEqualTo(40);
        IngestReport again = quarry.defaultCollection().ingest(Folders.sampleCorpus(), null, IngestProgress.NONE, () -> false);
        assertThat(again.unchanged()).isEqualTo(report.added());
        assertThat(again.added() + again.updated() + again.deleted()).isZero();

        JsonNode ready = http.get("/readyz").json();
        assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.get("chunks").asInt()).isEqualTo(quarry.defaultCollection().index().stats().chunks()).isPositive();
    }

    @Test
    void a_collection_configured_on_solr_and_created_over_the_api_is_created_and_deleted_in_solr() {
        SolrSettings settings = ((IndexBackend.Solr) quarry.config().backend("extra")).settings();
        assertThat(http.postJson("/v1/collections", Map.of("name", "extra")).status()).isEqualTo(201);
        SolrChunkIndex.openExisting(settings, "extra", quarry.collection("extra").index().manifest(), HnswSettings.DEFAULT).close();

        assertThat(http.request("DELETE", "/v1/collections/extra", null).status()).isEqualTo(204);
        assertThatThrownBy(() -> SolrChunkIndex.openExisting(settings, "extra", quarry.defaultCollection().index().manifest(),
                HnswSettings.DEFAULT)).isInstanceOf(IndexException.class).hasMessageContaining("no Solr collection 'extra'");
    }

    @Test
    void a_solr_slower_than_the_configured_timeout_gives_503_problem_json_naming_the_collection() {
        IndexBackend.Solr direct = (IndexBackend.Solr) quarry.config().backend("default");
        // Created directly: creating a collection takes longer than the slow collection's timeout on a loaded machine.
        SolrChunkIndex.open(direct.settings(), "slow", quarry.defaultCollection().index().manifest(), HnswSettings.DEFAULT).close();
        assertThat(http.postJson("/v1/collections", Map.of("name", "slow")).status()).isEqualTo(201);
        Map<String, Object> search = Map.of("query", "bread", "collection", "slow", "mode", "keyword");
        assertThat(http.postJson("/v1/search", search).status()).isEqualTo(200);

        proxy.slow(Duration.ofSeconds(60));
        long started = System.nanoTime();
        Http.Response slow = http.postJson("/v1/search", search);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.json().get("detail").asText()).contains("collection 'slow'", "no answer within 5 s");

        proxy.slow(Duration.ZERO);
        assertThat(http.request("DELETE", "/v1/collections/slow", null).status()).isEqualTo(204);
    }

    @Test
    void every_mode_finds_a_relevant_document_in_the_top_3_as_on_lucene() {
        List<SampleQueries.Query> queries = SampleQueries.load();
        for (String mode : List.of("vector", "hybrid", "keyword")) {
            int found = 0;
            for (SampleQueries.Query q : queries) {
                JsonNode hits = search(Map.of("query", q.text(), "k", 3, "mode", mode)).get("hits");
                for (JsonNode hit : hits) {
                    if (q.relevant().contains(hit.get("docId").asText())) {
                        found++;
                        break;
                    }
                }
            }
            double rate = found / (double) queries.size();
            System.out.printf("Sample corpus on SolrCloud, relevant document in top 3: %s %.3f%n", mode, rate);
            // Vector and hybrid as SearchApiIT holds the Lucene backend to; keyword measured 0.909 here.
            assertThat(rate).as(mode).isGreaterThanOrEqualTo(mode.equals("keyword") ? 0.8 : 0.9);
        }
    }

    @Test
    void filters_paging_and_diversity_apply() {
        JsonNode cooking = search(Map.of("query", "bread", "k", 5, "mode", "hybrid", "filter", Map.of("pathPrefix", "cooking/")));
        assertThat(cooking.get("hits")).isNotEmpty().allSatisfy(h -> assertThat(h.get("docId").asText()).startsWith("cooking/"));
        JsonNode first = search(Map.of("query", "bread", "k", 2, "mode", "hybrid"));
        JsonNode second = search(Map.of("query", "bread", "k", 1, "offset", 1, "mode", "hybrid"));
        assertThat(second.get("hits").get(0).get("chunkId")).isEqualTo(first.get("hits").get(1).get("chunkId"));
        JsonNode diverse = search(Map.of("query", "sourdough starter", "k", 5, "mode", "hybrid", "diversity", 0.7));
        assertThat(diverse.get("hits")).hasSize(5);
    }

    @Test
    void documents_and_chunks_are_served_by_id() {
        JsonNode hit = search(Map.of("query", "sourdough starter", "k", 1, "mode", "keyword")).get("hits").get(0);
        String docId = hit.get("docId").asText();

        assertThat(http.get("/v1/documents/" + docId).json().get("chunks")).isNotEmpty();
        JsonNode chunk = http.get("/v1/chunks/" + hit.get("chunkId").asText()).json();
        assertThat(chunk.get("text").asText()).isEqualTo(hit.get("text").asText());
        assertThat(http.get("/v1/documents/cooking/none.md").status()).isEqualTo(404);
    }

    @Test
    void clusters_and_chat_work_from_the_solr_collection() {
        Http.Response csv = http.get("/v1/clusters?k=7&format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(report.added() + 1);

        Http.Response r = http.postJson("/v1/chat", Map.of("messages",
                List.of(Map.of("role", "user", "content", "my homemade mayo went runny and oily, can I rescue it?"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("citations").get(0).get("docId").asText()).isEqualTo("cooking/emulsion-sauces.txt");
    }

    private static JsonNode search(Map<String, Object> body) {
        Http.Response r = http.postJson("/v1/search", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
