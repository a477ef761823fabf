package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.IngestSettings;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import dev.quarry.testing.SampleQueries;
import dev.quarry.testing.SolrTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus ingested through the same pipeline into a Lucene index and into a SolrCloud collection of two
 * shards with two replicas: the same chunks, the same change detection, and every sample query ranked the same in
 * every mode, with the same scores (BM25 over the whole collection's statistics, not each shard's, with Quarry's
 * parameters).
 */
class SolrAgreesWithLuceneIT {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
    private static final String COLLECTION = "agrees-with-lucene";

    private final SolrSettings settings = new SolrSettings(SolrTestCluster.shared().urls(), 2, 2);
    private final FakeEmbedder embedder = new FakeEmbedder();

    @TempDir
    Path dir;

    private IngestReport ingest(ChunkIndex index, Path corpus) {
        return new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC())
                .ingest(corpus, IngestProgress.NONE);
    }

    @Test
    void both_backends_hold_the_same_chunks_and_rank_every_sample_query_alike() throws Exception {
        Path corpus = dir.resolve("corpus");
        Folders.copyTree(Folders.sampleCorpus(), corpus);
        try (ChunkIndex lucene = LuceneChunkIndex.open(dir.resolve("index"), MANIFEST);
             ChunkIndex solr = SolrChunkIndex.open(settings, COLLECTION, MANIFEST, HnswSettings.DEFAULT)) {
            IngestReport byLucene = ingest(lucene, corpus);
            IngestReport bySolr = ingest(solr, corpus);
            assertThat(bySolr.added()).isEqualTo(byLucene.added()).isPositive();
            assertThat(solr.documentHashes()).isEqualTo(lucene.documentHashes());
            assertThat(solr.stats().chunks()).isEqualTo(lucene.stats().chunks());
            assertThat(solr.stats().documents()).isEqualTo(lucene.stats().documents());

            Searcher onLucene = new Searcher(lucene, embedder);
            Searcher onSolr = new Searcher(solr, embedder);
            for (SampleQueries.Query q : SampleQueries.load()) {
                for (SearchMode mode : SearchMode.values()) {
                    // One more than compared, to see whether the last compared hit ties with the next.
                    List<SearchHit> expected = onLucene.search(SearchQuery.of(q.text(), 11, mode)).hits();
                    List<SearchHit> actual = onSolr.search(SearchQuery.of(q.text(), 11, mode)).hits();
                    assertSameRanking(q.id() + " " + mode, expected, actual);
                }
            }

            Files.delete(corpus.resolve("cooking/braising.md"));
            IngestReport again = ingest(solr, corpus);
            assertThat(again.deleted()).isEqualTo(1);
            assertThat(again.unchanged()).isEqualTo(byLucene.added() - 1);
            assertThat(again.added() + again.updated()).isZero();
            assertThat(solr.documentChunks("cooking/braising.md")).isEmpty();
        }
    }

    /**
     * The same scores at each of the first ten places, and the same chunk wherever its score is not tied: equal
     * scores rank by index order in Lucene and by chunk id in Solr.
     */
    private static void assertSameRanking(String what, List<SearchHit> expected, List<SearchHit> actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < Math.min(10, expected.size()); i++) {
            double score = expected.get(i).score();
            assertThat(actual.get(i).score()).as(what + " #" + i).isCloseTo(score, within(1e-4));
            int place = i;
            boolean tied = IntStream.range(0, expected.size())
                    .anyMatch(j -> j != place && Math.abs(expected.get(j).score() - score) < 1e-4);
            if (!tied) assertThat(actual.get(i).chunk().chunkId()).as(what + " #" + i).isEqualTo(expected.get(i).chunk().chunkId());
        }
    }

    @AfterEach
    void deleteCollection() {
        try (SolrNodes nodes = new SolrNodes(settings)) {
            if (new SolrCollections(nodes).exists(COLLECTION)) nodes.request(CollectionAdminRequest.deleteCollection(COLLECTION), null);
        }
    }
}
