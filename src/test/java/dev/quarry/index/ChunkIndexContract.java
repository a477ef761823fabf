package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import dev.quarry.testing.FakeEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkIndex} does, whichever engine holds the chunks: each backend's test extends this with a
 * fresh, empty index per test.
 */
public abstract class ChunkIndexContract {

    protected static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
    private static final long MODIFIED = 1_700_000_000_000L;

    /** Opens this test's index, created empty on the first call, as it was left by the last on later ones. */
    protected abstract ChunkIndex open(IndexManifest manifest);

    protected static IndexedChunk chunk(String docId, int ordinal, String text, String hash) {
        return chunk(docId, ordinal, text, hash, "text", MODIFIED);
    }

    protected static IndexedChunk chunk(String docId, int ordinal, String text, String hash, String type, long modified) {
        return new IndexedChunk(IndexedChunk.chunkId(docId, ordinal), docId, docId, "Title of " + docId, "Part " + ordinal,
                text, ordinal * 100, ordinal * 100 + text.length(), ordinal + 1, hash, modified, type,
                List.of("tag-" + docId.charAt(0)), FakeEmbedder.vector(text));
    }

    private static List<String> docIds(List<ScoredChunk> hits) {
        return hits.stream().map(h -> h.chunk().docId()).toList();
    }

    @Test
    void replacing_a_document_swaps_all_its_chunks() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "old sourdough", "h1"), chunk("a.txt", 1, "old crust", "h1"),
                    chunk("a.txt", 2, "old oven", "h1")));
            index.commit();
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "new sourdough", "h2")));
            index.commit();

            assertThat(index.documentChunks("a.txt")).extracting(IndexedChunk::text).containsExactly("new sourdough");
            assertThat(index.documentHashes()).containsExactly(Map.entry("a.txt", "h2"));
            assertThat(index.stats().chunks()).isEqualTo(1);
            assertThat(index.keywordSearch("crust oven", 10, ChunkFilter.NONE)).isEmpty();
        }
    }

    @Test
    void a_document_replaced_twice_between_commits_keeps_only_the_last_chunks() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "first", "h1")));
            index.commit();
            index.replaceDocument("a.txt", IntStream.range(0, 4).mapToObj(i -> chunk("a.txt", i, "second " + i, "h2")).toList());
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "third", "h3"), chunk("a.txt", 1, "third too", "h3")));
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "third", "h3"), chunk("a.txt", 1, "third too", "h3")));
            index.commit();

            assertThat(index.documentChunks("a.txt")).extracting(IndexedChunk::text).containsExactly("third", "third too");
            assertThat(index.stats().chunks()).isEqualTo(2);
            assertThat(index.documentHashes()).containsExactly(Map.entry("a.txt", "h3"));
        }
    }

    @Test
    void changes_are_seen_by_searches_only_once_committed() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "first words", "h1")));
            index.commit();
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "second words", "h2"), chunk("a.txt", 1, "more", "h2")));

            assertThat(index.keywordSearch("second", 10, ChunkFilter.NONE)).isEmpty();
            assertThat(index.documentChunks("a.txt")).extracting(IndexedChunk::text).containsExactly("first words");
            index.commit();
            assertThat(index.documentChunks("a.txt")).extracting(IndexedChunk::text).containsExactly("second words", "more");
        }
    }

    @Test
    void deleted_documents_disappear_from_searches() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.txt", List.of(chunk("a.txt", 0, "meteor shower", "h")));
            index.replaceDocument("b.txt", List.of(chunk("b.txt", 0, "bike chain", "h")));
            index.commit();
            index.deleteDocument("a.txt");
            index.commit();

            assertThat(index.keywordSearch("meteor", 10, ChunkFilter.NONE)).isEmpty();
            assertThat(docIds(index.vectorSearch(FakeEmbedder.vector("meteor shower"), 10, ChunkFilter.NONE)))
                    .containsExactly("b.txt");
            assertThat(index.documentHashes()).containsOnlyKeys("b.txt");
        }
    }

    @Test
    void keyword_search_stems_and_filters_by_path_prefix() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("cooking/a.md", List.of(chunk("cooking/a.md", 0, "baking breads at home", "h")));
            index.replaceDocument("garden/b.md", List.of(chunk("garden/b.md", 0, "bread crumbs for the birds", "h")));
            index.commit();

            assertThat(index.keywordSearch("bread", 10, ChunkFilter.NONE)).hasSize(2);
            assertThat(docIds(index.keywordSearch("bread", 10, ChunkFilter.pathPrefix("cooking/")))).containsExactly("cooking/a.md");
            assertThat(docIds(index.vectorSearch(FakeEmbedder.vector("bread"), 10, ChunkFilter.pathPrefix("garden/"))))
                    .containsExactly("garden/b.md");
        }
    }

    @Test
    void any_text_is_a_keyword_query_and_one_without_searchable_terms_finds_nothing() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "bread and butter", "h")));
            index.commit();

            assertThat(docIds(index.keywordSearch("AND (bread OR \"butter* [a TO z] c:\\ {!knn}", 10, ChunkFilter.NONE)))
                    .containsExactly("a.md");
            assertThat(index.keywordSearch("the and of", 10, ChunkFilter.NONE)).isEmpty();
            assertThat(index.keywordSearch("   ", 10, ChunkFilter.NONE)).isEmpty();
        }
    }

    @Test
    void filters_by_type_tag_and_time_apply_to_both_searches() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "river boats", "h", "markdown", 1_000L)));
            index.replaceDocument("b.pdf", List.of(chunk("b.pdf", 0, "river boats", "h", "pdf", 2_000L)));
            index.replaceDocument("c.pdf", List.of(chunk("c.pdf", 0, "river boats", "h", "pdf", 3_000L)));
            index.commit();
            float[] river = FakeEmbedder.vector("river boats");

            ChunkFilter pdfs = new ChunkFilter(null, List.of("pdf", "html"), List.of(), null, null);
            assertThat(docIds(index.keywordSearch("river", 10, pdfs))).containsExactlyInAnyOrder("b.pdf", "c.pdf");
            assertThat(docIds(index.vectorSearch(river, 10, pdfs))).containsExactlyInAnyOrder("b.pdf", "c.pdf");
            ChunkFilter tagged = new ChunkFilter(null, List.of(), List.of("tag-a", "tag-c"), null, null);
            assertThat(docIds(index.vectorSearch(river, 10, tagged))).containsExactlyInAnyOrder("a.md", "c.pdf");
            ChunkFilter window = new ChunkFilter(null, List.of(), List.of(), 1_500L, 2_500L);
            assertThat(docIds(index.keywordSearch("river", 10, window))).containsExactly("b.pdf");
            assertThat(docIds(index.vectorSearch(river, 10, new ChunkFilter(null, List.of(), List.of(), 2_000L, null))))
                    .containsExactlyInAnyOrder("b.pdf", "c.pdf");
        }
    }

    @Test
    void vector_scores_are_cosine_similarities_and_rank_the_nearest_first() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a", List.of(chunk("a", 0, "same words here", "h")));
            index.replaceDocument("b", List.of(chunk("b", 0, "other words entirely", "h")));
            index.commit();

            List<ScoredChunk> hits = index.vectorSearch(FakeEmbedder.vector("same words here"), 2, ChunkFilter.NONE);
            assertThat(docIds(hits)).containsExactly("a", "b");
            assertThat(hits.getFirst().score()).isCloseTo(1.0f, within(1e-5f));
            float cosine = dot(FakeEmbedder.vector("same words here"), FakeEmbedder.vector("other words entirely"));
            assertThat(hits.get(1).score()).isCloseTo(cosine, within(1e-5f));
        }
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    @Test
    void chunk_metadata_round_trips_and_ids_are_read_in_either_form() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("d.md", List.of(chunk("d.md", 0, "text", "hash"), chunk("d.md", 1, "more text", "hash")));
            index.commit();

            IndexedChunk c = index.chunk("d.md~1").orElseThrow();
            assertThat(c.withoutVector()).usingRecursiveComparison()
                    .isEqualTo(chunk("d.md", 1, "more text", "hash").withoutVector());
            assertThat(index.chunk("d.md#1").orElseThrow().chunkId()).isEqualTo("d.md~1");
            assertThat(index.chunk("missing~0")).isEmpty();
        }
    }

    @Test
    void a_documents_chunks_come_in_text_order_and_every_chunk_with_its_vector() {
        try (ChunkIndex index = open(MANIFEST)) {
            List<IndexedChunk> chunks = IntStream.range(0, 12).mapToObj(i -> chunk("long.md", i, "part " + i, "h")).toList();
            index.replaceDocument("long.md", chunks);
            index.replaceDocument("short.md", List.of(chunk("short.md", 0, "brief", "h")));
            index.commit();

            assertThat(index.documentChunks("long.md")).extracting(IndexedChunk::chunkId)
                    .containsExactlyElementsOf(chunks.stream().map(IndexedChunk::chunkId).toList());
            List<IndexedChunk> all = new ArrayList<>();
            index.forEachChunk(all::add);
            assertThat(all).hasSize(13);
            IndexedChunk brief = all.stream().filter(x -> x.docId().equals("short.md")).findFirst().orElseThrow();
            assertThat(brief.vector()).containsExactly(FakeEmbedder.vector("brief"), within(1e-6f));
            assertThat(index.stats().documents()).isEqualTo(2);
            assertThat(index.stats().chunks()).isEqualTo(13);
        }
    }

    @Test
    void a_view_gives_a_chunk_one_reference_in_all_its_searches_and_reads_its_vector() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "harbour cranes", "h")));
            index.replaceDocument("b.md", List.of(chunk("b.md", 0, "mountain goats", "h")));
            index.commit();

            index.read(view -> {
                Candidate byVector = view.vectorSearch(FakeEmbedder.vector("harbour cranes"), 1, ChunkFilter.NONE).getFirst();
                Candidate byKeyword = view.keywordSearch("harbour", 1, ChunkFilter.NONE).getFirst();
                assertThat(byKeyword.ref()).isEqualTo(byVector.ref());
                assertThat(view.docId(byVector.ref())).isEqualTo("a.md");
                assertThat(view.chunk(byVector.ref()).text()).isEqualTo("harbour cranes");
                assertThat(view.vector(byVector.ref())).containsExactly(FakeEmbedder.vector("harbour cranes"), within(1e-6f));
                return null;
            });
        }
    }

    @Test
    void a_view_finds_every_chunk_of_a_document_by_its_id_with_the_references_its_searches_give() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "harbour cranes", "h"), chunk("a.md", 1, "dry docks", "h")));
            index.replaceDocument("b.md", List.of(chunk("b.md", 0, "mountain goats", "h")));
            index.commit();

            index.read(view -> {
                int found = view.keywordSearch("docks", 1, ChunkFilter.NONE).getFirst().ref();
                List<Integer> refs = view.documentRefs("a.md");
                assertThat(refs).hasSize(2).contains(found);
                assertThat(refs).extracting(r -> view.chunk(r).text()).containsExactlyInAnyOrder("harbour cranes", "dry docks");
                assertThat(view.documentRefs("not-there.md")).isEmpty();
                return null;
            });
        }
    }

    @Test
    void the_searcher_leaves_out_a_repeated_passage_and_names_it_on_the_hit_it_repeats() {
        String text = "Feed the sourdough starter flour and water every day and keep it somewhere warm";
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("guide.html", List.of(chunk("guide.html", 0, text, "h")));
            index.replaceDocument("guide.txt", List.of(chunk("guide.txt", 0, text.replace(" and keep", ",\nand keep"), "h")));
            index.replaceDocument("crust.md", List.of(chunk("crust.md", 0, "a sourdough crust browns in a hot oven", "h")));
            index.commit();
            Searcher searcher = new Searcher(index, new FakeEmbedder());

            var hits = searcher.search(SearchQuery.of("feed the sourdough starter", 3, SearchMode.HYBRID)).hits();
            assertThat(hits).extracting(h -> h.chunk().docId()).hasSize(2).contains("crust.md");
            assertThat(hits.getFirst().repeats()).extracting(SearchHit.Repeat::docId)
                    .containsExactly(hits.getFirst().chunk().docId().equals("guide.html") ? "guide.txt" : "guide.html");
            var all = searcher.search(SearchQuery.of("feed the sourdough starter", 3, SearchMode.HYBRID).withRepeats(true)).hits();
            assertThat(all).extracting(h -> h.chunk().docId()).containsExactlyInAnyOrder("guide.html", "guide.txt", "crust.md");
        }
    }

    @Test
    void the_searcher_finds_the_same_chunks_in_every_mode() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "sourdough starter feeding", "h"),
                    chunk("a.md", 1, "sourdough crumb and crust", "h")));
            index.replaceDocument("b.md", List.of(chunk("b.md", 0, "bicycle chain lubrication", "h")));
            index.commit();
            Searcher searcher = new Searcher(index, new FakeEmbedder());

            for (SearchMode mode : SearchMode.values()) {
                var hits = searcher.search(SearchQuery.of("sourdough starter", 2, mode)).hits();
                assertThat(hits).as(mode.name()).extracting(h -> h.chunk().chunkId()).containsExactly("a.md~0", "a.md~1");
            }
            // Diversity reads the candidates' vectors; collapsing keeps one chunk per document.
            var diverse = searcher.search(new SearchQuery("sourdough starter", 2, 0, SearchMode.HYBRID, ChunkFilter.NONE,
                    null, null, 1.0, true, false)).hits();
            assertThat(diverse).extracting(h -> h.chunk().docId()).containsExactly("a.md", "b.md");
        }
    }

    @Test
    void an_index_built_with_another_model_is_refused_with_the_difference_named() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.commit();
        }
        IndexManifest other = new IndexManifest(1, "bge-small-en-v1.5", FakeEmbedder.DIMENSIONS, "CLS", "q", "", 512, 256, 32, true);

        assertThatThrownBy(() -> open(other))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining("model.id: 'fake-bag-of-words' in the index, 'bge-small-en-v1.5' configured");
    }

    @Test
    void the_sources_and_hashes_survive_a_reopen() {
        try (ChunkIndex index = open(MANIFEST)) {
            index.source("", "/docs");
            index.source("wiki", "/exports/wiki=2");
            index.replaceDocument("a.md", List.of(chunk("a.md", 0, "alpha", "ha")));
            index.commit();
        }
        try (ChunkIndex index = open(MANIFEST)) {
            assertThat(index.sources()).containsExactlyInAnyOrderEntriesOf(Map.of("", "/docs", "wiki", "/exports/wiki=2"));
            assertThat(index.documentHashes()).containsExactly(Map.entry("a.md", "ha"));
            assertThat(index.manifest()).isEqualTo(MANIFEST);
            assertThat(index.problems()).isEmpty();
        }
    }
}
