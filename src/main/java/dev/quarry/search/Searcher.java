package dev.quarry.search;

import dev.quarry.embed.Embedder;
import dev.quarry.index.Candidate;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexedChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs vector, keyword and hybrid searches over a chunk index, then applies the score floor, collapsing to one hit
 * per document, diversity, leaving out repeated text, and paging, in that order, and highlights the page. A tuned
 * collection's searches move the query vector with its learned adapter and fuse with its learned fusion
 * ({@link QueryTuning}). Everything before paging works on candidates' references, scores and vectors; only the
 * chunks of the page are loaded, and those whose vectors are close enough to be repeats.
 */
public final class Searcher {

    /** How deep each list goes before fusion: deeper than k, so fusion can lift what one list ranks low. */
    private static final int FUSION_DEPTH = 100;
    /** Candidates diversity and collapsing choose from, per hit asked for. */
    private static final int RERANK_FACTOR = 4;
    /** Candidates per hit asked for when repeats are left out: each hit may have one. */
    private static final int REPEAT_FACTOR = 2;

    private final ChunkIndex index;
    private final Embedder embedder;
    private final Highlighter highlighter = new Highlighter();
    private final FusionSettings defaultFusion;
    /** Asked once per search, so a search runs wholly tuned or wholly untuned. */
    private volatile TuningSource tuning = TuningSource.NONE;

    public Searcher(ChunkIndex index, Embedder embedder) {
        this(index, embedder, FusionSettings.DEFAULT);
    }

    /** {@code defaultFusion} applies to hybrid queries that do not choose their own. */
    public Searcher(ChunkIndex index, Embedder embedder, FusionSettings defaultFusion) {
        this.index = index;
        this.embedder = embedder;
        this.defaultFusion = defaultFusion;
    }

    /** Where later searches find their tuning, for a collection whose tuning can change. */
    public void tuneWith(TuningSource source) {
        this.tuning = source;
    }

    public SearchResult search(SearchQuery query) {
        long started = System.nanoTime();
        QueryTuning tuned = switch (query.tuning().kind()) {
            case ACTIVE -> tuning.active();
            case NONE -> null;
            case PROFILE -> tuning.profile(query.tuning().version());
        };
        // Embedded before the index is read: a point in time is held no longer than the search itself.
        float[] embedded = query.mode() == SearchMode.KEYWORD ? null : embedder.embedQuery(query.text());
        float[] vector = embedded == null || tuned == null ? embedded : tuned.queryVectors().apply(embedded);
        FusionSettings fusion = query.fusion() != null ? query.fusion() : tuned != null ? tuned.fusion() : defaultFusion;
        List<SearchHit> page = index.read(view -> page(view, query, vector, fusion));
        if (query.highlight()) {
            page = page.stream().map(h -> h.withHighlights(highlighter.highlight(query.text(), h.chunk().text()))).toList();
        }
        return new SearchResult(page, query.mode(), (System.nanoTime() - started) / 1000);
    }

    private List<SearchHit> page(IndexView view, SearchQuery query, float[] vector, FusionSettings fusion) {
        int wanted = query.offset() + query.k();
        // Hits left out as repeats are made up from further down.
        int enough = query.repeats() ? wanted : Math.min(SearchQuery.MAX_K * REPEAT_FACTOR, wanted * REPEAT_FACTOR);
        boolean reranks = query.collapse() || query.diversity() > 0;
        int depth = reranks ? Math.min(SearchQuery.MAX_K * RERANK_FACTOR, Math.max(wanted * RERANK_FACTOR, 50)) : wanted;
        Stream<Ranked> stream = retrieve(view, query, vector, fusion, depth, enough).stream()
                .filter(r -> query.minScore() == null || r.score() >= query.minScore());
        if (query.collapse()) {
            Set<String> seen = new HashSet<>();
            stream = stream.filter(r -> seen.add(view.docId(r.ref())));
        }
        List<Ranked> ranked = query.diversity() > 0
                ? Diversifier.rerank(stream.toList(), view::vector, query.diversity(), enough)
                : stream.limit(enough).toList();
        if (query.repeats()) {
            return ranked.stream().skip(query.offset()).map(r -> hit(r, view.chunk(r.ref()))).toList();
        }
        return withoutRepeats(view, ranked, wanted, query.offset());
    }

    private static SearchHit hit(Ranked r, IndexedChunk chunk) {
        return new SearchHit(chunk, r.score(), r.vectorScore(), r.keywordScore());
    }

    /**
     * The first {@code wanted} of {@code ranked} that repeat no hit above them, from {@code offset} on, each naming
     * the repeats left out. Where the view holds the vectors, they are compared first, so that text is read only for
     * the pairs that may be the same; elsewhere the text came with the candidates.
     */
    private static List<SearchHit> withoutRepeats(IndexView view, List<Ranked> ranked, int wanted, int offset) {
        List<Ranked> kept = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Map<Integer, IndexedChunk> chunks = new HashMap<>();
        Map<Integer, long[]> triples = new HashMap<>();
        Function<Integer, long[]> triplesOf = ref -> triples.computeIfAbsent(ref,
                at -> Repeats.triples(chunks.computeIfAbsent(at, view::chunk).text()));
        Map<Integer, List<IndexedChunk>> repeatsOf = new HashMap<>();
        boolean gate = view.holdsVectors();
        for (Ranked r : ranked) {
            if (kept.size() == wanted) break;
            float[] v = gate ? view.vector(r.ref()) : null;
            int repeated = -1;
            for (int i = 0; i < kept.size() && repeated < 0; i++) {
                if ((!gate || Repeats.close(v, vectors.get(i)))
                        && Repeats.sameText(triplesOf.apply(r.ref()), triplesOf.apply(kept.get(i).ref()))) {
                    repeated = i;
                }
            }
            if (repeated >= 0) {
                repeatsOf.computeIfAbsent(repeated, i -> new ArrayList<>()).add(chunks.get(r.ref()));
            } else {
                kept.add(r);
                vectors.add(v);
            }
        }
        List<SearchHit> hits = new ArrayList<>();
        for (int i = offset; i < kept.size(); i++) {
            Ranked r = kept.get(i);
            SearchHit hit = hit(r, chunks.computeIfAbsent(r.ref(), view::chunk));
            for (IndexedChunk repeat : repeatsOf.getOrDefault(i, List.of())) hit = hit.withRepeat(repeat);
            hits.add(hit);
        }
        return hits;
    }

    /**
     * The ranking to at least {@code depth}, and for one list alone to {@code enough}. Hybrid's lists stay as deep as
     * {@code depth} asks, since fusion normalizes scores over them: their union is deeper than either.
     */
    private List<Ranked> retrieve(IndexView view, SearchQuery query, float[] vector, FusionSettings fusion, int depth,
                                  int enough) {
        return switch (query.mode()) {
            case VECTOR -> view.vectorSearch(vector, Math.max(depth, enough), query.filter()).stream()
                    .map(c -> new Ranked(c.ref(), c.score(), (double) c.score(), null)).toList();
            case KEYWORD -> view.keywordSearch(query.text(), Math.max(depth, enough), query.filter()).stream()
                    .map(c -> new Ranked(c.ref(), c.score(), null, (double) c.score())).toList();
            case HYBRID -> {
                int fusionDepth = Math.max(depth, FUSION_DEPTH);
                List<Candidate> vectorHits = view.vectorSearch(vector, fusionDepth, query.filter());
                yield Fusion.of(fusion).fuse(vectorHits, view.keywordSearch(query.text(), fusionDepth, query.filter()));
            }
        };
    }
}
