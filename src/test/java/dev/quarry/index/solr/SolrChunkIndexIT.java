package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ChunkIndexContract;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.testing.SolrTestCluster;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chunk index contract on a real SolrCloud of two nodes, in a collection of two shards with two replicas each. */
class SolrChunkIndexIT extends ChunkIndexContract {

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private final SolrSettings settings = new SolrSettings(SolrTestCluster.shared().urls(), 2, 2);
    private final String collection = "contract-" + COLLECTIONS.incrementAndGet();

    @Override
    protected ChunkIndex open(IndexManifest manifest) {
        return SolrChunkIndex.open(settings, collection, manifest, HnswSettings.DEFAULT);
    }

    @Test
    void opening_an_existing_collection_never_creates_one() {
        assertThatThrownBy(() -> SolrChunkIndex.openExisting(settings, collection, MANIFEST, HnswSettings.DEFAULT))
                .isInstanceOf(IndexException.class).hasMessageContaining("no Solr collection '" + collection + "'");
        try (SolrNodes nodes = new SolrNodes(settings)) {
            assertThat(new SolrCollections(nodes).exists(collection)).isFalse();
        }
        open(MANIFEST).close();
        SolrChunkIndex.openExisting(settings, collection, MANIFEST, HnswSettings.DEFAULT).close();
    }

    /** Four cores a collection: the cluster's heap holds only a few at a time. */
    @AfterEach
    void deleteCollection() {
        SolrChunkIndex.deleteCollection(settings, collection);
    }
}
