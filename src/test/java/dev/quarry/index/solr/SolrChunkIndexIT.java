package dev.quarry.index.solr;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ChunkIndexContract;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.testing.SolrTestCluster;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.junit.jupiter.api.AfterEach;

/** The chunk index contract on a real SolrCloud of two nodes, in a collection of two shards with two replicas each. */
class SolrChunkIndexIT extends ChunkIndexContract {

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private final SolrSettings settings = new SolrSettings(SolrTestCluster.shared().urls(), 2, 2);
    private final String collection = "contract-" + COLLECTIONS.incrementAndGet();

    @Override
    protected ChunkIndex open(IndexManifest manifest) {
        return SolrChunkIndex.open(settings, collection, manifest, HnswSettings.DEFAULT);
    }

    /** Four cores a collection: the cluster's heap holds only a few at a time. */
    @AfterEach
    void deleteCollection() {
        try (SolrNodes nodes = new SolrNodes(settings)) {
            if (new SolrCollections(nodes).exists(collection)) {
                nodes.request(CollectionAdminRequest.deleteCollection(collection), null);
            }
            ConfigSetAdminRequest.Delete configset = new ConfigSetAdminRequest.Delete();
            configset.setConfigSetName(SolrCollections.configsetOf(collection));
            nodes.request(configset, null);
        }
    }
}
