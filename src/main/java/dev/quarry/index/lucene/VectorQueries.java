package dev.quarry.index.lucene;

import dev.quarry.index.HnswSettings;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;

/**
 * The kNN query for a collection's vector format. Quantized vectors only choose the candidates: their scores are
 * approximate, so the candidates are rescored with the full-precision vectors the format keeps beside them, and
 * the result is the same cosine a float index gives.
 */
final class VectorQueries {

    private VectorQueries() {
    }

    /**
     * The {@code k} nearest chunks, exploring at least as many candidates as the largest graph of the index needs
     * ({@code largestGraph} vectors); {@code filter} may be null.
     */
    static Query nearest(HnswSettings hnsw, float[] vector, int k, Query filter, int largestGraph) {
        int candidates = Math.max(k, hnsw.candidatesFor(largestGraph));
        Query knn = new KnnFloatVectorQuery(IndexFields.VECTOR, vector, candidates, filter);
        return switch (hnsw.vectors()) {
            case FLOAT -> knn;
            case INT7 -> RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, vector, IndexFields.VECTOR, k);
        };
    }
}
