package dev.quarry.search;

import java.util.List;

/** The hits of one search and how long it took. */
public record SearchResult(List<SearchHit> hits, SearchMode mode, long tookMicros) {
}
