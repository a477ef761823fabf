package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.ScoredChunk;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.SolrTestCluster;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * With two replicas of each shard on two nodes, one node may fail: searches still find every chunk, writes go on,
 * and the index reports why it is degraded; once back, the node catches up with the writes it missed. With the cluster gone, the index is unavailable and says why. The
 * test stops a cluster of its own.
 */
class SolrNodeFailureIT {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
    private static final String COLLECTION = "node-failure";


    private static List<IndexedChunk> document(String docId, String text) {
        return List.of(new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, docId, "", text, 0, text.length(), 0,
                "h", 1L, "text", List.of(), FakeEmbedder.vector(text)));
    }

    /** Whether a search finds all {@code chunks}; false while Solr moves shard leaders over, when searches fail. */
    private static boolean servesAll(SolrChunkIndex index, int chunks) {
        try {
            return index.keywordSearch("lighthouse", 100, ChunkFilter.NONE).size() == chunks;
        } catch (IndexException e) {
            return false;
        }
    }

    private static List<String> found(List<ScoredChunk> hits) {
        return hits.stream().map(h -> h.chunk().docId()).toList();
    }

    @Test
    void with_one_node_down_searches_find_every_chunk_writes_go_on_and_the_node_catches_up_when_back() throws Exception {
        try (SolrTestCluster cluster = SolrTestCluster.start();
             SolrChunkIndex index = SolrChunkIndex.open(new SolrSettings(cluster.urls(), 2, 2), COLLECTION, MANIFEST,
                     HnswSettings.DEFAULT)) {
            IntStream.range(0, 40).forEach(i -> index.replaceDocument("d" + i + ".md", document("d" + i + ".md", "lighthouse keeper " + i)));
            index.commit();
            List<String> all = found(index.keywordSearch("lighthouse", 100, ChunkFilter.NONE));
            assertThat(all).hasSize(40);
            // The first node is the one the index speaks to first: stopping it also makes the index fail over.
            cluster.stopNode(0);

            Await.until("the index reports the stopped node", () -> !index.problems().isEmpty());
            assertThat(index.problems()).allSatisfy(p -> assertThat(p).contains("which is down")).hasSize(2);
            assertThat(found(index.keywordSearch("lighthouse", 100, ChunkFilter.NONE))).containsExactlyInAnyOrderElementsOf(all);
            assertThat(index.vectorSearch(FakeEmbedder.vector("lighthouse keeper 7"), 1, ChunkFilter.NONE).getFirst()
                    .chunk().docId()).isEqualTo("d7.md");
            index.replaceDocument("late.md", document("late.md", "lighthouse written while a node was down"));
            index.commit();
            assertThat(found(index.keywordSearch("lighthouse", 100, ChunkFilter.NONE))).hasSize(41).contains("late.md");

            // The node comes back and catches up with the write it missed: with the other node stopped in turn, it
            // alone serves every chunk, the late one too.
            cluster.startNode(0);
            Await.until("the restarted node's replicas are active", () -> index.problems().isEmpty());
            cluster.stopNode(1);
            Await.until("the restarted node serves every chunk", () -> servesAll(index, 41));
            assertThat(found(index.keywordSearch("lighthouse", 100, ChunkFilter.NONE))).contains("late.md");
            index.replaceDocument("later.md", document("later.md", "lighthouse written after the failover"));
            index.commit();
            assertThat(found(index.keywordSearch("lighthouse", 100, ChunkFilter.NONE))).hasSize(42);

            // With the whole cluster gone, Solr is unavailable for this collection (503 at the API), and says so.
            cluster.close();
            assertThatThrownBy(() -> index.keywordSearch("lighthouse", 10, ChunkFilter.NONE))
                    .isInstanceOf(IndexException.class).hasMessageContaining("collection '" + COLLECTION + "'");
            assertThat(index.problems()).singleElement().asString().contains("no Solr node answers");
        }
    }
}
