package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching a real Lucene index filled with fake-embedded chunks: filters, collapsing, diversity, paging. */
class SearcherTest {

    private static final String[] WORDS = {"river", "mountain", "forest", "desert", "ocean", "valley", "glacier", "canyon"};

    @TempDir
    Path dir;

    private LuceneChunkIndex index;
    private Searcher searcher;

    @BeforeEach
    void fill() {
        FakeEmbedder embedder = new FakeEmbedder();
        index = LuceneChunkIndex.open(dir, IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
        Random random = new Random(3);
        // 2,000 chunks in 500 documents; only the 20 chunks of documents under rare/ match the filter (1%).
        for (int d = 0; d < 500; d++) {
            String docId = (d % 100 == 0 ? "rare/" : "common/") + d + ".txt";
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String text = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + d;
                chunks.add(new IndexedChunk(IndexedChunk.chunkId(docId, c), docId, docId, "Doc " + d, "", text, 0,
                        text.length(), 0, "h", d, d % 2 == 0 ? "markdown" : "text", List.of(d % 3 == 0 ? "three" : "other"),
                        FakeEmbedder.vector(text)));
            }
            index.replaceDocument(docId, chunks);
        }
        index.commit();
        searcher = new Searcher(index, embedder);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void a_filter_keeping_one_percent_of_chunks_still_returns_k_hits() {
        for (SearchMode mode : List.of(SearchMode.VECTOR, SearchMode.HYBRID)) {
            SearchQuery q = SearchQuery.of("river mountain", 10, mode).withFilter(ChunkFilter.pathPrefix("rare/"));
            List<SearchHit> hits = searcher.search(q).hits();
            assertThat(hits).as(mode.name()).hasSize(10).allMatch(h -> h.chunk().path().startsWith("rare/"));
        }
    }

    @Test
    void type_tag_and_date_filters_combine() {
        ChunkFilter filter = new ChunkFilter(null, List.of("markdown"), List.of("three"), 100L, 200L);
        List<SearchHit> hits = searcher.search(SearchQuery.of("ocean", 50, SearchMode.VECTOR).withFilter(filter)).hits();

        assertThat(hits).isNotEmpty().allSatisfy(h -> {
            assertThat(h.chunk().type()).isEqualTo("markdown");
            assertThat(h.chunk().tags()).contains("three");
            assertThat(h.chunk().modified()).isBetween(100L, 200L);
        });
    }

    @Test
    void collapse_returns_one_hit_per_document() {
        SearchQuery q = new SearchQuery("river", 20, 0, SearchMode.KEYWORD, null, null, null, 0, true, false);
        List<SearchHit> hits = searcher.search(q).hits();

        assertThat(hits).hasSize(20);
        assertThat(new HashSet<>(hits.stream().map(h -> h.chunk().docId()).toList())).hasSize(20);
    }

    @Test
    void diversity_spreads_hits_over_different_texts() {
        SearchQuery plain = SearchQuery.of("river forest", 10, SearchMode.VECTOR);
        SearchQuery diverse = new SearchQuery("river forest", 10, 0, SearchMode.VECTOR, null, null, null, 0.7, false, false);

        assertThat(distinctTexts(searcher.search(diverse).hits())).isGreaterThan(distinctTexts(searcher.search(plain).hits()));
    }

    private static long distinctTexts(List<SearchHit> hits) {
        return hits.stream().map(h -> h.chunk().text().replaceAll(" \\d+$", "")).distinct().count();
    }

    @Test
    void a_hit_that_repeats_the_text_of_a_higher_one_is_left_out_and_named_on_it_unless_repeats_are_asked_for() {
        String page = "Sourdough starter care. Feed the starter flour and water every day, keep it in a warm place and"
                + " discard half before each feeding so the culture stays active and smells pleasantly sour.";
        // The same page rendered and as its source: other line breaks, markup and a cut elsewhere.
        String source = "Sourdough *starter* care.\nFeed the starter flour and water every day, keep it in a warm\nplace"
                + " and discard half before each feeding so the culture stays active";
        String other = "Sourdough bread needs a long, slow rise; the starter is fed the day before and the dough rests"
                + " overnight in a cool place before it is shaped.";
        add("manual/starter.html", page);
        add("manual/starter.txt", source);
        add("manual/bread.html", other);
        SearchQuery query = SearchQuery.of("feed the sourdough starter every day", 3, SearchMode.HYBRID)
                .withFilter(ChunkFilter.pathPrefix("manual/"));

        List<SearchHit> hits = searcher.search(query).hits();
        assertThat(hits).extracting(h -> h.chunk().path()).hasSize(2).contains("manual/bread.html")
                .containsAnyOf("manual/starter.html", "manual/starter.txt");
        SearchHit kept = hits.stream().filter(h -> h.chunk().path().startsWith("manual/starter")).findFirst().orElseThrow();
        String left = kept.chunk().path().equals("manual/starter.html") ? "manual/starter.txt" : "manual/starter.html";
        assertThat(kept.repeats()).extracting(SearchHit.Repeat::path).containsExactly(left);
        assertThat(hits).filteredOn(h -> h != kept).allMatch(h -> h.repeats().isEmpty());

        assertThat(searcher.search(query.withRepeats(true)).hits()).extracting(h -> h.chunk().path())
                .containsExactlyInAnyOrder("manual/starter.html", "manual/starter.txt", "manual/bread.html");
        assertThat(searcher.search(query.withRepeats(true)).hits()).allMatch(h -> h.repeats().isEmpty());
        // Pages are cut from the list without repeats: the second page does not bring the repeat back.
        SearchQuery second = new SearchQuery(query.text(), 2, 1, SearchMode.HYBRID, query.filter(), null, null, 0, false, false);
        assertThat(searcher.search(second).hits()).extracting(h -> h.chunk().path()).containsExactly(hits.get(1).chunk().path());
    }

    private void add(String docId, String text) {
        index.replaceDocument(docId, List.of(new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, docId, "", text, 0,
                text.length(), 0, "h", 0, "html", List.of(), FakeEmbedder.vector(text))));
        index.commit();
    }

    @Test
    void min_score_and_offset_apply_to_the_same_ranking() {
        List<SearchHit> all = searcher.search(SearchQuery.of("glacier canyon", 10, SearchMode.VECTOR)).hits();
        SearchQuery second = new SearchQuery("glacier canyon", 5, 5, SearchMode.VECTOR, null, null, null, 0, false, false);
        assertThat(searcher.search(second).hits()).extracting(h -> h.chunk().chunkId())
                .containsExactlyElementsOf(all.subList(5, 10).stream().map(h -> h.chunk().chunkId()).toList());

        double floor = all.get(3).score();
        SearchQuery floored = new SearchQuery("glacier canyon", 10, 0, SearchMode.VECTOR, null, floor, null, 0, false, false);
        assertThat(searcher.search(floored).hits()).allMatch(h -> h.score() >= floor);
    }

    @Test
    void a_tuned_collection_moves_the_query_vector_and_fuses_its_own_way_unless_asked_untuned_or_for_another_profile() {
        String query = "river mountain";
        List<String> untuned = ids(searcher.search(SearchQuery.of(query, 5, SearchMode.VECTOR)));
        float[] elsewhere = FakeEmbedder.vector("desert canyon");
        float[] another = FakeEmbedder.vector("glacier");
        searcher.tuneWith(new TuningSource() {
            @Override
            public QueryTuning active() {
                return new QueryTuning(v -> elsewhere, FusionSettings.DEFAULT);
            }

            @Override
            public QueryTuning profile(int version) {
                return new QueryTuning(v -> another, FusionSettings.DEFAULT);
            }
        });

        List<String> tuned = ids(searcher.search(SearchQuery.of(query, 5, SearchMode.VECTOR)));
        assertThat(tuned).isEqualTo(ids(searcher.search(SearchQuery.of("desert canyon", 5, SearchMode.VECTOR).withTuning(TuningChoice.NONE))));
        assertThat(tuned).isNotEqualTo(untuned);
        assertThat(ids(searcher.search(SearchQuery.of(query, 5, SearchMode.VECTOR).withTuning(TuningChoice.NONE)))).isEqualTo(untuned);
        // Keyword search has no vector to move.
        assertThat(ids(searcher.search(SearchQuery.of(query, 5, SearchMode.KEYWORD))))
                .isEqualTo(ids(searcher.search(SearchQuery.of(query, 5, SearchMode.KEYWORD).withTuning(TuningChoice.NONE))));
        // A search may name a profile other than the active one.
        assertThat(ids(searcher.search(SearchQuery.of(query, 5, SearchMode.VECTOR).withTuning(TuningChoice.profile(2)))))
                .isEqualTo(ids(searcher.search(SearchQuery.of("glacier", 5, SearchMode.VECTOR).withTuning(TuningChoice.NONE))));
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(h -> h.chunk().chunkId()).toList();
    }
}
