package dev.quarry.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentMergeTest {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
    private static final int CHUNKS = Fragmentation.MIN_CHUNKS + 2_000;

    @TempDir
    Path dir;

    /** Commits every 1,000 chunks, as an ingest commits every half minute: one segment each. */
    private static void fill(LuceneChunkIndex index) {
        for (int i = 0; i < CHUNKS; i++) {
            String id = "doc" + i + ".txt";
            String text = "word" + (i % 97) + " topic" + (i % 13) + " item " + i;
            index.replaceDocument(id, List.of(new IndexedChunk(IndexedChunk.chunkId(id, 0), id, id, "", "", text, 0,
                    text.length(), 0, "h", 0, "text", List.of(), FakeEmbedder.vector(text))));
            if ((i + 1) % 1_000 == 0) index.commit();
        }
        index.commit();
    }

    private static List<String> topDocs(LuceneChunkIndex index, int k) {
        return index.keywordSearch("word5 topic3", k, ChunkFilter.NONE).stream().map(h -> h.chunk().docId()).toList();
    }

    private int segments() throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.leaves().size();
        }
    }

    @Test
    void a_fragmented_index_is_merged_into_one_segment_with_the_same_results() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            fill(index);
            List<String> both = java.util.stream.IntStream.range(0, CHUNKS).filter(i -> i % 97 == 5 && i % 13 == 3)
                    .mapToObj(i -> "doc" + i + ".txt").toList();
            assertThat(topDocs(index, both.size())).containsExactlyInAnyOrderElementsOf(both);

            index.mergeSegments().join();

            assertThat(topDocs(index, both.size())).containsExactlyInAnyOrderElementsOf(both);
            assertThat(index.stats().chunks()).isEqualTo(CHUNKS);
        }
        assertThat(segments()).as("the merge is committed").isEqualTo(1);
    }

    @Test
    void closing_during_a_merge_keeps_every_chunk() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            fill(index);
            index.mergeSegments();
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            assertThat(index.stats().chunks()).isEqualTo(CHUNKS);
            assertThat(index.keywordSearch("item 1234", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().docId())
                    .contains("doc1234.txt");
        }
    }

    @Test
    void small_or_single_segment_indexes_are_left_alone() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("a.txt", List.of(new IndexedChunk("a.txt~0", "a.txt", "a.txt", "", "", "alpha", 0, 5,
                    0, "h", 0, "text", List.of(), FakeEmbedder.vector("alpha"))));
            index.commit();
            assertThat(index.mergeSegments()).isDone();
        }
    }
}
