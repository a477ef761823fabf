package dev.quarry.search;

import dev.quarry.index.IndexedChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk in a result list with its score and the parts it came from: the cosine similarity and the BM25 score,
 * each null when that retrieval did not find the chunk; the sentences that match the query; and the chunks left out
 * of the list because they repeat this one's text.
 */
public record SearchHit(IndexedChunk chunk, double score, Double vectorScore, Double keywordScore,
                        List<Highlight> highlights, List<Repeat> repeats) {

    /** A chunk left out of a result list because it repeats a hit's text: where else that text is. */
    public record Repeat(String chunkId, String docId, String path) {
    }

    public SearchHit {
        highlights = List.copyOf(highlights);
        repeats = List.copyOf(repeats);
    }

    public SearchHit(IndexedChunk chunk, double score, Double vectorScore, Double keywordScore) {
        this(chunk, score, vectorScore, keywordScore, List.of(), List.of());
    }

    SearchHit withHighlights(List<Highlight> found) {
        return new SearchHit(chunk, score, vectorScore, keywordScore, found, repeats);
    }

    SearchHit withRepeat(IndexedChunk repeat) {
        List<Repeat> more = new ArrayList<>(repeats);
        more.add(new Repeat(repeat.chunkId(), repeat.docId(), repeat.path()));
        return new SearchHit(chunk, score, vectorScore, keywordScore, highlights, more);
    }
}
