package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexException;
import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrSettings;
import dev.quarry.testing.Backend;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SlowProxy;
import dev.quarry.testing.SolrTestCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only a Solr-backed collection does through the API (SearchApiIT, ChatApiIT and ClusterIT run the rest on both
 * backends): a collection configured on Solr is created and deleted in Solr, and a Solr that does not answer in
 * time gives 503 problem JSON.
 */
class SolrBackendApiIT {

    private static final String COLLECTION = "solr-api-it";

    private static Path data;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;
    /** Between Quarry and the cluster for the collection 'slow' only. */
    private static SlowProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("quarry-solr-api-it");
        URI node = URI.create(SolrTestCluster.shared().urls().getFirst());
        proxy = SlowProxy.to(node.getHost(), node.getPort());
        String slow = "  - name: slow\n    backend: solr\n    solr: {urls: 'http://127.0.0.1:" + proxy.port() + node.getPath()
                + "', shards: 2, replicas: 2, timeoutSeconds: 5}\n";
        Path yaml = Folders.write(data, "quarry.yaml", Backend.SOLR.yaml(COLLECTION, "extra") + slow);
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", yaml.toString(),
                "QUARRY_DATA", data.resolve("data").toString(), "QUARRY_PORT", "0"));
        quarry = Quarry.open(config);
        server = new ApiServer(quarry, config.server()).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        if (proxy != null) proxy.close();
        Backend.SOLR.delete(COLLECTION, "extra", "slow");
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
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
        IndexBackend.Solr direct = (IndexBackend.Solr) quarry.config().backend(COLLECTION);
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
}
