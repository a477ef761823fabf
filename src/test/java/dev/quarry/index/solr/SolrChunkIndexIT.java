package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ChunkIndexContract;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexMismatchException;
import dev.quarry.index.IndexedChunk;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.SlowProxy;
import dev.quarry.testing.SolrTestCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.util.ContentStreamBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chunk index contract on a real SolrCloud of two nodes, in a collection of two shards with two replicas each:
 * one collection, emptied after each test (creating one per test took most of the time), except for the tests of
 * collections that do not exist yet.
 */
class SolrChunkIndexIT extends ChunkIndexContract {

    private static final String SHARED = "contract";

    private final SolrSettings settings = new SolrSettings(SolrTestCluster.shared().urls(), 2, 2);
    private String collection = SHARED;

    @Override
    protected ChunkIndex open(IndexManifest manifest) {
        return SolrChunkIndex.open(settings, collection, manifest, HnswSettings.DEFAULT);
    }

    @Test
    void opening_an_existing_collection_never_creates_one() {
        collection = "contract-new";
        assertThatThrownBy(() -> SolrChunkIndex.openExisting(settings, collection, MANIFEST, HnswSettings.DEFAULT))
                .isInstanceOf(IndexException.class).hasMessageContaining("no Solr collection '" + collection + "'");
        try (SolrNodes nodes = new SolrNodes(settings)) {
            assertThat(new SolrCollections(nodes).exists(collection)).isFalse();
        }
        open(MANIFEST).close();
        SolrChunkIndex.openExisting(settings, collection, MANIFEST, HnswSettings.DEFAULT).close();
    }

    @Test
    void a_solr_slower_than_the_timeout_fails_the_request_as_unavailable_naming_the_collection() {
        open(MANIFEST).close();
        URI node = URI.create(settings.urls().getFirst());
        try (SlowProxy proxy = SlowProxy.to(node.getHost(), node.getPort());
             SolrChunkIndex slow = SolrChunkIndex.open(new SolrSettings(List.of("http://127.0.0.1:" + proxy.port()
                     + node.getPath()), 2, 2, null, null, Duration.ofSeconds(2)), collection, MANIFEST, HnswSettings.DEFAULT)) {
            assertThat(slow.keywordSearch("anything", 10, ChunkFilter.NONE)).isEmpty();
            proxy.slow(Duration.ofSeconds(30));
            long started = System.nanoTime();
            assertThatThrownBy(() -> slow.keywordSearch("anything", 10, ChunkFilter.NONE))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("collection '" + collection + "'").hasMessageContaining("no answer within 2 s");
            // The timeout, not the delay: the search gave up long before Solr's answer would have come.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void an_empty_collection_created_from_quarrys_configset_is_adopted_only_when_routed_by_document() {
        collection = "contract-adopted";
        try (SolrNodes nodes = new SolrNodes(settings)) {
            ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload().setUploadStream(
                    new ContentStreamBase.ByteArrayStream(SolrConfigset.zip(MANIFEST.dimensions(), HnswSettings.DEFAULT),
                            "configset.zip", "application/zip"));
            upload.setConfigSetName(SolrCollections.configsetOf(collection));
            nodes.request(upload, null);
            nodes.request(CollectionAdminRequest.createCollection(collection, SolrCollections.configsetOf(collection), 2, 1), null);
            assertThatThrownBy(() -> open(MANIFEST)).isInstanceOf(IndexException.class)
                    .hasMessageContaining("is routed by chunk id, not by document: create it with router.field=doc_id");

            nodes.request(CollectionAdminRequest.deleteCollection(collection), null);
            nodes.request(CollectionAdminRequest.createCollection(collection, SolrCollections.configsetOf(collection), 2, 1)
                    .setRouterField(SolrFields.DOC_ID), null);
        }
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "adopted", "h1")));
            index.commit();
            assertThat(index.stats().chunks()).isEqualTo(1);
        }
        open(MANIFEST).close();
    }

    @Test
    void two_processes_replacing_one_document_at_once_leave_one_whole_version_of_it() throws Exception {
        open(MANIFEST).close();
        try (ChunkIndex first = open(MANIFEST); ChunkIndex second = open(MANIFEST)) {
            List<IndexedChunk> five = IntStream.range(0, 5).mapToObj(i -> chunk("race.md", i, "five " + i, "h5")).toList();
            List<IndexedChunk> three = IntStream.range(0, 3).mapToObj(i -> chunk("race.md", i, "three " + i, "h3")).toList();
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> IntStream.range(0, 15).forEach(n -> first.replaceDocument("race.md", five)));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> IntStream.range(0, 15).forEach(n -> second.replaceDocument("race.md", three)));
            a.join();
            b.join();
            first.commit();
            List<IndexedChunk> left = first.documentChunks("race.md");
            assertThat(left.size()).isIn(3, 5);
            assertThat(left).extracting(IndexedChunk::contentHash).containsOnly(left.size() == 5 ? "h5" : "h3");
        }
    }

    @Test
    void an_index_opened_before_a_rebuild_with_other_settings_reports_it_and_never_commits_over_the_new_manifest() {
        collection = "contract-rebuilt";
        IndexManifest rechunked = IndexManifest.of(new FakeEmbedder().model(), new ChunkSettings(128, 16, true));
        try (ChunkIndex before = open(MANIFEST)) {
            try (SolrRebuild rebuild = SolrRebuild.start(settings, collection, rechunked, HnswSettings.DEFAULT)) {
                rebuild.promote();
            }
            assertThat(before.problems()).singleElement().asString()
                    .contains("was rebuilt with other settings", "chunk.maxTokens", "restart Quarry");
            assertThatThrownBy(before::commit).isInstanceOf(IndexMismatchException.class).hasMessageContaining("rebuilt meanwhile");
        }
        open(rechunked).close();
    }

    /**
     * Empties the shared collection, manifest document included: with every document of its segments deleted, Solr
     * drops them, so the next test's BM25 statistics are its own. Deletes any other: four cores a collection, and the
     * cluster's heap holds only a few at a time.
     */
    @AfterEach
    void emptyOrDeleteCollection() {
        if (!collection.equals(SHARED)) {
            SolrChunkIndex.deleteCollection(settings, collection);
            return;
        }
        try (SolrNodes nodes = new SolrNodes(settings)) {
            if (new SolrCollections(nodes).exists(SHARED)) {
                nodes.request(new UpdateRequest().deleteByQuery("*:*").setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true), SHARED);
            }
        }
    }

    @AfterAll
    static void deleteShared() {
        SolrChunkIndex.deleteCollection(new SolrSettings(SolrTestCluster.shared().urls(), 2, 2), SHARED);
    }
}
