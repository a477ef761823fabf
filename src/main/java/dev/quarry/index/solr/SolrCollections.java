package dev.quarry.index.solr;

import dev.quarry.index.HnswSettings;
import java.util.List;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;

/** Creates and finds Quarry's collections in a SolrCloud, each with a configset of its own. */
final class SolrCollections {

    private final SolrNodes nodes;

    SolrCollections(SolrNodes nodes) {
        this.nodes = nodes;
    }

    boolean exists(String collection) {
        Object names = nodes.request(new CollectionAdminRequest.List(), null).get("collections");
        return names instanceof List<?> list && list.contains(collection);
    }

    /**
     * Uploads the collection's configset (named after it, {@code quarry-<collection>}) and creates the collection,
     * routed by document id so that a document's chunks share one shard.
     */
    void create(String collection, int dimensions, HnswSettings hnsw, SolrSettings settings) {
        String configset = configsetOf(collection);
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                .setUploadStream(new ContentStreamBase.ByteArrayStream(SolrConfigset.zip(dimensions, hnsw),
                        configset + ".zip", "application/zip"))
                .setOverwrite(true);
        upload.setConfigSetName(configset);
        nodes.request(upload, null);
        nodes.request(CollectionAdminRequest.createCollection(collection, configset, settings.shards(), settings.replicas())
                .setRouterField(SolrFields.DOC_ID), null);
    }

    static String configsetOf(String collection) {
        return "quarry-" + collection;
    }
}
