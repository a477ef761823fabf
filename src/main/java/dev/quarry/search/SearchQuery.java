package dev.quarry.search;

import dev.quarry.index.ChunkFilter;

/** One search: the text, how many hits from which offset, the retrieval mode, a filter and a score floor. */
public record SearchQuery(String text, int k, int offset, SearchMode mode, ChunkFilter filter, Double minScore) {

    public static final int MAX_K = 1000;

    public SearchQuery {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("query must not be blank");
        if (k <= 0 || k > MAX_K) throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative, got " + offset);
        if (mode == null) mode = SearchMode.HYBRID;
        if (filter == null) filter = ChunkFilter.NONE;
    }

    public static SearchQuery of(String text, int k, SearchMode mode) {
        return new SearchQuery(text, k, 0, mode, ChunkFilter.NONE, null);
    }
}
