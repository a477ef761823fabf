package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.error.QuarryException;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.testing.FakeEmbedder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class SolrChunkIndexTest {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);

    /** A loopback URL where nothing listens: the port was free a moment ago and is closed again. */
    private static String nobodyListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/solr";
        }
    }

    @Test
    void a_solr_that_cannot_be_reached_is_unavailable_naming_every_node_tried_and_the_collection() throws IOException {
        List<String> urls = List.of(nobodyListening(), nobodyListening());
        SolrSettings settings = new SolrSettings(urls, 2, 2, null, null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> SolrChunkIndex.open(settings, "docs", MANIFEST, HnswSettings.DEFAULT))
                .isInstanceOf(IndexException.class)
                .satisfies(e -> assertThat(((QuarryException) e).kind()).isEqualTo(QuarryException.Kind.UNAVAILABLE))
                .hasMessageContaining("no Solr node answers (" + urls.get(0) + ", " + urls.get(1) + ")");
    }

    @Test
    void settings_are_checked_and_the_password_is_never_shown() {
        assertThatThrownBy(() -> new SolrSettings(List.of(), 1, 1)).hasMessageContaining("solr.urls");
        assertThatThrownBy(() -> new SolrSettings(List.of("solr1:8983"), 1, 1)).hasMessageContaining("'solr1:8983'");
        assertThatThrownBy(() -> new SolrSettings(List.of("http://s/solr"), 0, 1)).hasMessageContaining("solr.shards");
        assertThatThrownBy(() -> new SolrSettings(List.of("http://s/solr"), 1, 1, "quarry", null, Duration.ofSeconds(1)))
                .hasMessageContaining("both");
        assertThat(new SolrSettings(List.of("http://s/solr"), 1, 1, "quarry", "s3cret", Duration.ofSeconds(1)).toString())
                .doesNotContain("s3cret");
    }

    @Test
    void the_configset_sizes_the_vector_field_to_the_model_and_the_graph_to_the_settings() throws IOException {
        var zip = new ZipInputStream(new ByteArrayInputStream(SolrConfigset.zip(384, new HnswSettings(24, 200, 100))));
        String schema = null;
        for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals("schema.xml")) schema = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(schema).contains("vectorDimension=\"384\"", "hnswMaxConnections=\"24\"", "hnswBeamWidth=\"200\"")
                .doesNotContain("@");
    }
}
