package dev.quarry.collection;

import dev.quarry.embed.CachingEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.search.Searcher;

/**
 * A hold on one generation of a collection: its index stays open until every lease on it is closed, even when a
 * reindex or rollback has made another generation live meanwhile.
 */
public final class Lease implements AutoCloseable {

    private final Generation generation;
    private boolean released;

    Lease(Generation generation) {
        this.generation = generation;
    }

    /** The number of the leased generation ({@code index-N}). */
    public int generation() {
        return generation.number;
    }

    public ChunkIndex index() {
        return generation.index;
    }

    public Searcher searcher() {
        return generation.searcher;
    }

    public CachingEmbedder embedder() {
        return generation.embedder;
    }

    /** Releases the hold; a second close does nothing. */
    @Override
    public synchronized void close() {
        if (released) return;
        released = true;
        generation.release();
    }
}
