package dev.quarry.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexMismatchException;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.ScoredChunk;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkIndexTest {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);

    @TempDir
    Path dir;

    private static IndexedChunk chunk(String docId, int ordinal, String text, String hash) {
        return new IndexedChunk(IndexedChunk.chunkId(docId, ordinal), docId, docId, "Title of " + docId, "", text,
                0, text.length(), 0, hash, 1_700_000_000_000L, "text", List.of("tag-" + docId.charAt(0)),
                FakeEmbedder.vector(text));
    }

    @Test
    void replacing_a_document_swaps_all_its_chunks() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "old sourdough", "h1"), chunk("a.txt", 1, "old crust", "h1")));
            index.commit();
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "new sourdough", "h2")));
            index.commit();

            assertThat(index.documentChunks("a.txt")).extracting(IndexedChunk::text).containsExactly("new sourdough");
            assertThat(index.documentHashes()).containsExactly(java.util.Map.entry("a.txt", "h2"));
            assertThat(index.stats().chunks()).isEqualTo(1);
        }
    }

    @Test
    void deleted_documents_disappear_from_searches() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "meteor shower", "h")));
            index.replaceDocument("b.txt", List.of(chunk("b.txt", 0, "bike chain", "h")));
            index.commit();
            index.deleteDocument("a.txt");
            index.commit();

            assertThat(index.keywordSearch("meteor", 10, ChunkFilter.NONE)).isEmpty();
            assertThat(index.vectorSearch(FakeEmbedder.vector("meteor shower"), 10, ChunkFilter.NONE))
                    .extracting(h -> h.chunk().docId()).containsExactly("b.txt");
        }
    }

    @Test
    void keyword_search_stems_and_filters_by_path_prefix() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("cooking/a.md", List.of(chunk("cooking/a.md", 0, "baking breads at home", "h")));
            index.replaceDocument("garden/b.md", List.of(chunk("garden/b.md", 0, "bread crumbs for the birds", "h")));
            index.commit();

            assertThat(index.keywordSearch("bread", 10, ChunkFilter.NONE)).hasSize(2);
            List<ScoredChunk> cooking = index.keywordSearch("bread", 10, ChunkFilter.pathPrefix("cooking/"));
            assertThat(cooking).extracting(h -> h.chunk().docId()).containsExactly("cooking/a.md");
            assertThat(index.vectorSearch(FakeEmbedder.vector("bread"), 10, ChunkFilter.pathPrefix("garden/")))
                    .extracting(h -> h.chunk().docId()).containsExactly("garden/b.md");
        }
    }

    @Test
    void vector_scores_are_cosine_similarities() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("a", List.of(chunk("a", 0, "same words here", "h")));
            index.commit();
            ScoredChunk hit = index.vectorSearch(FakeEmbedder.vector("same words here"), 1, ChunkFilter.NONE).getFirst();
            assertThat(hit.score()).isCloseTo(1.0f, org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void chunk_metadata_round_trips() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("d.md", List.of(chunk("d.md", 0, "text", "hash")));
            index.commit();
            IndexedChunk c = index.chunk("d.md~0").orElseThrow();
            assertThat(c.title()).isEqualTo("Title of d.md");
            assertThat(c.tags()).containsExactly("tag-d");
            assertThat(c.modified()).isEqualTo(1_700_000_000_000L);
            assertThat(index.chunk("missing~0")).isEmpty();
        }
    }

    @Test
    void chunk_ids_are_stored_as_before_and_read_in_the_url_safe_form_so_existing_indexes_need_no_reembedding() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.replaceDocument("d.md", List.of(chunk("d.md", 0, "text", "hash"), chunk("d.md", 1, "more", "hash")));
            index.commit();
        }
        // On disk the id is the older d.md#0, as every index written before holds it.
        try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
             var reader = org.apache.lucene.index.DirectoryReader.open(directory)) {
            assertThat(reader.storedFields().document(0).get(IndexFields.CHUNK_ID)).isEqualTo("d.md#0");
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            assertThat(index.documentChunks("d.md")).extracting(IndexedChunk::chunkId).containsExactly("d.md~0", "d.md~1");
            assertThat(index.chunk("d.md~1").orElseThrow().text()).isEqualTo("more");
            assertThat(index.chunk("d.md#1").orElseThrow().chunkId()).isEqualTo("d.md~1");
            List<String> all = new java.util.ArrayList<>();
            index.forEachChunk(c -> all.add(c.chunkId()));
            assertThat(all).containsExactly("d.md~0", "d.md~1");
            assertThat(index.vectorSearch(FakeEmbedder.vector("more"), 1, ChunkFilter.NONE).getFirst().chunk().chunkId()).isEqualTo("d.md~1");
        }
    }

    @Test
    void an_index_built_with_another_model_is_refused_with_the_difference_named() {
        LuceneChunkIndex.open(dir, MANIFEST).close();
        IndexManifest other = new IndexManifest(1, "bge-small-en-v1.5", 384, "CLS", "q", "", 512, 256, 32, true);

        assertThatThrownBy(() -> LuceneChunkIndex.open(dir, other))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining("model.id: 'fake-bag-of-words' in the index, 'bge-small-en-v1.5' configured")
                .hasMessageContaining("--rebuild");
    }

    @Test
    void a_second_writer_is_refused_but_a_reader_may_open_alongside() {
        try (LuceneChunkIndex writer = LuceneChunkIndex.open(dir, MANIFEST)) {
            writer.replaceDocument("a", List.of(chunk("a", 0, "alpha", "h")));
            writer.commit();
            assertThatThrownBy(() -> LuceneChunkIndex.open(dir, MANIFEST))
                    .isInstanceOf(IndexException.class).hasMessageContaining("in use by another Quarry process");
            try (LuceneChunkIndex reader = LuceneChunkIndex.openReadOnly(dir, MANIFEST)) {
                assertThat(reader.keywordSearch("alpha", 5, ChunkFilter.NONE)).hasSize(1);
                assertThatThrownBy(() -> reader.deleteDocument("a")).hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void the_sources_survive_a_reopen() {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            index.source("", "/docs");
            index.source("wiki", "/exports/wiki=2");
            index.commit();
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            assertThat(index.sources()).containsExactlyInAnyOrderEntriesOf(Map.of("", "/docs", "wiki", "/exports/wiki=2"));
        }
    }
}
