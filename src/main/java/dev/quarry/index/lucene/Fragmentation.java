package dev.quarry.index.lucene;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * When an index's segments are worth merging into one. Lucene searches each segment's HNSW graph with the full
 * candidate count, so vector search costs about as many graph searches as there are large segments
 * ({@code scripts/bench-search path}); small segments cost little, and small indexes are fast either way.
 */
final class Fragmentation {

    /** Below this many chunks every search is fast whatever the segments. */
    static final int MIN_CHUNKS = 10_000;
    /** Merge when the largest segment holds less than this share of the chunks. */
    static final double LARGEST_SHARE = 0.9;

    private Fragmentation() {
    }

    static boolean worthMerging(IndexReader reader) {
        int live = reader.numDocs();
        if (live < MIN_CHUNKS || reader.leaves().size() < 2) return false;
        int largest = 0;
        for (LeafReaderContext leaf : reader.leaves()) largest = Math.max(largest, leaf.reader().numDocs());
        return largest < LARGEST_SHARE * live;
    }
}
