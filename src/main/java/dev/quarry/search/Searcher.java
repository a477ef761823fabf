package dev.quarry.search;

import dev.quarry.embed.Embedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ScoredChunk;
import java.util.List;

/** Runs vector, keyword and hybrid searches over a chunk index. */
public final class Searcher {

    /** How deep each list goes before fusion: deeper than k, so fusion can lift what one list ranks low. */
    private static final int FUSION_DEPTH = 100;

    private final ChunkIndex index;
    private final Embedder embedder;
    private final ReciprocalRankFusion rrf = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);

    public Searcher(ChunkIndex index, Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    public SearchResult search(SearchQuery query) {
        long started = System.nanoTime();
        int depth = query.offset() + query.k();
        List<SearchHit> ranked = switch (query.mode()) {
            case VECTOR -> vector(query, depth).stream()
                    .map(c -> new SearchHit(c.chunk(), c.score(), (double) c.score(), null)).toList();
            case KEYWORD -> keyword(query, depth).stream()
                    .map(c -> new SearchHit(c.chunk(), c.score(), null, (double) c.score())).toList();
            case HYBRID -> {
                int fusionDepth = Math.max(depth, FUSION_DEPTH);
                yield rrf.fuse(vector(query, fusionDepth), keyword(query, fusionDepth));
            }
        };
        List<SearchHit> page = ranked.stream()
                .filter(h -> query.minScore() == null || h.score() >= query.minScore())
                .skip(query.offset())
                .limit(query.k())
                .toList();
        return new SearchResult(page, query.mode(), (System.nanoTime() - started) / 1000);
    }

    private List<ScoredChunk> vector(SearchQuery query, int depth) {
        return index.vectorSearch(embedder.embedQuery(query.text()), depth, query.filter());
    }

    private List<ScoredChunk> keyword(SearchQuery query, int depth) {
        return index.keywordSearch(query.text(), depth, query.filter());
    }
}
