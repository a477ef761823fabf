package dev.quarry.search;

/** Which retrieval a search runs. */
public enum SearchMode {
    /** Nearest chunks by embedding similarity. */
    VECTOR,
    /** BM25 over title, section and text. */
    KEYWORD,
    /** Both, fused by reciprocal rank. */
    HYBRID
}
