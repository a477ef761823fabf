package dev.quarry.search;

import dev.quarry.index.IndexedChunk;
import java.util.List;

/**
 * A chunk in a result list with its score and the parts it came from: the cosine similarity and the BM25 score,
 * each null when that retrieval did not find the chunk; and the sentences that match the query.
 */
public record SearchHit(IndexedChunk chunk, double score, Double vectorScore, Double keywordScore,
                        List<Highlight> highlights) {

    public SearchHit(IndexedChunk chunk, double score, Double vectorScore, Double keywordScore) {
        this(chunk, score, vectorScore, keywordScore, List.of());
    }

    SearchHit withHighlights(List<Highlight> found) {
        return new SearchHit(chunk, score, vectorScore, keywordScore, found);
    }
}
