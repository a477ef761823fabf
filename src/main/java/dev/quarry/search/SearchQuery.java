package dev.quarry.search;

import dev.quarry.index.ChunkFilter;

/**
 * One search: the text, how many hits from which offset, the retrieval mode, a filter and a score floor; for hybrid
 * mode how to fuse; {@code diversity} (0..1) for maximal marginal relevance; {@code collapse} for one hit per
 * document; {@code highlight} for matching sentences; {@code tuning}: the collection's active tuning profile, none,
 * or a named one; {@code repeats} keeps hits that repeat the text of a hit ranked above them, which are otherwise
 * left out and named on that hit. A null filter means none; a null fusion, the searcher's default (a tuned
 * collection's: its profile's).
 */
public record SearchQuery(String text, int k, int offset, SearchMode mode, ChunkFilter filter, Double minScore,
                          FusionSettings fusion, double diversity, boolean collapse, boolean highlight, TuningChoice tuning,
                          boolean repeats) {

    public static final int MAX_K = 1000;

    public SearchQuery {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("query must not be blank");
        if (k <= 0 || k > MAX_K) throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative, got " + offset);
        if (!(diversity >= 0 && diversity <= 1)) throw new IllegalArgumentException("diversity must be in 0..1, got " + diversity);
        if (mode == null) mode = SearchMode.HYBRID;
        if (filter == null) filter = ChunkFilter.NONE;
        if (tuning == null) tuning = TuningChoice.ACTIVE;
    }

    /** A search that leaves repeated text out. */
    public SearchQuery(String text, int k, int offset, SearchMode mode, ChunkFilter filter, Double minScore,
                       FusionSettings fusion, double diversity, boolean collapse, boolean highlight, TuningChoice tuning) {
        this(text, k, offset, mode, filter, minScore, fusion, diversity, collapse, highlight, tuning, false);
    }

    /** A search that uses the collection's tuning, if it has one, and leaves repeated text out. */
    public SearchQuery(String text, int k, int offset, SearchMode mode, ChunkFilter filter, Double minScore,
                       FusionSettings fusion, double diversity, boolean collapse, boolean highlight) {
        this(text, k, offset, mode, filter, minScore, fusion, diversity, collapse, highlight, TuningChoice.ACTIVE);
    }

    /** A plain search: no filter, default fusion, no diversity, collapsing or highlights. */
    public static SearchQuery of(String text, int k, SearchMode mode) {
        return new SearchQuery(text, k, 0, mode, ChunkFilter.NONE, null, null, 0, false, false);
    }

    public SearchQuery withFilter(ChunkFilter newFilter) {
        return new SearchQuery(text, k, offset, mode, newFilter, minScore, fusion, diversity, collapse, highlight, tuning, repeats);
    }

    public SearchQuery withFusion(FusionSettings newFusion) {
        return new SearchQuery(text, k, offset, mode, filter, minScore, newFusion, diversity, collapse, highlight, tuning, repeats);
    }

    public SearchQuery withTuning(TuningChoice newTuning) {
        return new SearchQuery(text, k, offset, mode, filter, minScore, fusion, diversity, collapse, highlight, newTuning, repeats);
    }

    /** The same search, keeping ({@code true}) or leaving out hits that repeat a higher one's text. */
    public SearchQuery withRepeats(boolean keep) {
        return new SearchQuery(text, k, offset, mode, filter, minScore, fusion, diversity, collapse, highlight, tuning, keep);
    }
}
