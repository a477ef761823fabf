package dev.quarry.search;

import dev.quarry.index.IndexedChunk;

/**
 * A chunk in a result list with its score and the parts it came from: the cosine similarity and the BM25 score,
 * each null when that retrieval did not find the chunk.
 */
public record SearchHit(IndexedChunk chunk, double score, Double vectorScore, Double keywordScore) {
}
