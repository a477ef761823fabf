package dev.quarry.index;

import java.util.List;

/**
 * The index at one point in time, for the length of one {@link ChunkIndex#read}: the references of its candidates
 * mean the same chunk in every call on it, and mean nothing outside it.
 */
public interface IndexView {

    /** Nearest chunks to {@code vector} by cosine similarity, filtered inside the search. */
    List<Candidate> vectorSearch(float[] vector, int k, ChunkFilter filter);

    /** Best chunks for {@code query} by BM25. */
    List<Candidate> keywordSearch(String query, int k, ChunkFilter filter);

    /** The document a candidate belongs to, read without loading the chunk. */
    String docId(int ref);

    /** The stored vector of a candidate. */
    float[] vector(int ref);

    /**
     * Whether {@link #vector} reads what this point in time already holds; false when it asks the index again (a
     * Solr collection, which may have been rebuilt meanwhile), so that searches read vectors only when they must.
     */
    boolean holdsVectors();

    /** The candidate's chunk, without its vector. */
    IndexedChunk chunk(int ref);

    /** References to every chunk of a document, none when the index does not hold it. */
    List<Integer> documentRefs(String docId);
}
