package dev.quarry.index;

/** A chunk found by a search with the engine's score (cosine similarity for vectors, BM25 for keywords). */
public record ScoredChunk(IndexedChunk chunk, float score) {
}
