package dev.quarry.search;

import dev.quarry.embed.Embedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ScoredChunk;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs vector, keyword and hybrid searches over a chunk index, then applies the score floor, collapsing to one hit
 * per document, diversity and paging, in that order, and highlights the page.
 */
public final class Searcher {

    /** How deep each list goes before fusion: deeper than k, so fusion can lift what one list ranks low. */
    private static final int FUSION_DEPTH = 100;
    /** Candidates diversity and collapsing choose from, per hit asked for. */
    private static final int RERANK_FACTOR = 4;

    private final ChunkIndex index;
    private final Embedder embedder;
    private final Highlighter highlighter = new Highlighter();
    private final FusionSettings defaultFusion;

    public Searcher(ChunkIndex index, Embedder embedder) {
        this(index, embedder, FusionSettings.DEFAULT);
    }

    /** {@code defaultFusion} applies to hybrid queries that do not choose their own. */
    public Searcher(ChunkIndex index, Embedder embedder, FusionSettings defaultFusion) {
        this.index = index;
        this.embedder = embedder;
        this.defaultFusion = defaultFusion;
    }

    public SearchResult search(SearchQuery query) {
        long started = System.nanoTime();
        int wanted = query.offset() + query.k();
        boolean reranks = query.collapse() || query.diversity() > 0;
        int depth = reranks ? Math.min(SearchQuery.MAX_K * RERANK_FACTOR, Math.max(wanted * RERANK_FACTOR, 50)) : wanted;
        List<SearchHit> ranked = retrieve(query, depth);
        Stream<SearchHit> stream = ranked.stream().filter(h -> query.minScore() == null || h.score() >= query.minScore());
        if (query.collapse()) {
            Set<String> seen = new HashSet<>();
            stream = stream.filter(h -> seen.add(h.chunk().docId()));
        }
        List<SearchHit> candidates = stream.toList();
        if (query.diversity() > 0) {
            Map<String, float[]> vectors = index.vectors(candidates.stream().map(h -> h.chunk().chunkId()).toList());
            candidates = Diversifier.rerank(candidates, vectors, query.diversity(), wanted);
        }
        List<SearchHit> page = candidates.stream().skip(query.offset()).limit(query.k())
                .map(h -> query.highlight() ? h.withHighlights(highlighter.highlight(query.text(), h.chunk().text())) : h)
                .toList();
        return new SearchResult(page, query.mode(), (System.nanoTime() - started) / 1000);
    }

    private List<SearchHit> retrieve(SearchQuery query, int depth) {
        return switch (query.mode()) {
            case VECTOR -> vector(query, depth).stream()
                    .map(c -> new SearchHit(c.chunk(), c.score(), (double) c.score(), null)).toList();
            case KEYWORD -> keyword(query, depth).stream()
                    .map(c -> new SearchHit(c.chunk(), c.score(), null, (double) c.score())).toList();
            case HYBRID -> {
                int fusionDepth = Math.max(depth, FUSION_DEPTH);
                FusionSettings fusion = query.fusion() == null ? defaultFusion : query.fusion();
                yield Fusion.of(fusion).fuse(vector(query, fusionDepth), keyword(query, fusionDepth));
            }
        };
    }

    private List<ScoredChunk> vector(SearchQuery query, int depth) {
        return index.vectorSearch(embedder.embedQuery(query.text()), depth, query.filter());
    }

    private List<ScoredChunk> keyword(SearchQuery query, int depth) {
        return index.keywordSearch(query.text(), depth, query.filter());
    }
}
