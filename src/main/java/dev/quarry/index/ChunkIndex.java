package dev.quarry.index;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The store of chunks, their vectors and their text. A document's chunks change together: a search sees either
 * all of a file's old chunks or all of its new ones.
 */
public interface ChunkIndex extends AutoCloseable {

    IndexManifest manifest();

    /**
     * The folders this index was filled from, by source name ({@code ""} names the one unnamed source of an index
     * filled from a single folder, whose document ids carry no prefix); empty for a new index.
     */
    Map<String, String> sources();

    /** Records the folder the source {@code name} is filled from; kept with the next commit. */
    void source(String name, String root);

    /** The content hash of every indexed document, by document id: what change detection compares against. */
    Map<String, String> documentHashes();

    /** Replaces all chunks of {@code docId} with {@code chunks}, atomically. */
    void replaceDocument(String docId, List<IndexedChunk> chunks);

    void deleteDocument(String docId);

    /** Makes all changes durable and visible to searches. */
    void commit();

    /**
     * After a large write: merges the index into one segment when its chunks are spread over several large ones,
     * which multiplies the cost of vector search. The merge runs in the background while searches and writes go on,
     * and searches see the merged index once it is committed. Returns the merge running now (done at once when none
     * is needed). Closing the index abandons a merge in progress and keeps the index as it was.
     */
    CompletableFuture<Void> mergeSegments();

    /**
     * Runs {@code work} on the index as it is now: what it reads stays consistent while writes go on. Keep the work
     * short; the point in time holds index files from deletion until it returns.
     */
    <T> T read(Function<IndexView, T> work);

    /** Nearest chunks to {@code vector} by cosine similarity, filtered inside the search, loaded. */
    default List<ScoredChunk> vectorSearch(float[] vector, int k, ChunkFilter filter) {
        return read(view -> loaded(view, view.vectorSearch(vector, k, filter)));
    }

    /** Best chunks for {@code query} by BM25, loaded. */
    default List<ScoredChunk> keywordSearch(String query, int k, ChunkFilter filter) {
        return read(view -> loaded(view, view.keywordSearch(query, k, filter)));
    }

    private static List<ScoredChunk> loaded(IndexView view, List<Candidate> candidates) {
        return candidates.stream().map(c -> new ScoredChunk(view.chunk(c.ref()), c.score())).toList();
    }

    /** The chunk with this id, given as {@code guide.md~3} or in the older form {@code guide.md#3}. */
    Optional<IndexedChunk> chunk(String chunkId);

    /** Every chunk, with its vector, in index order. */
    void forEachChunk(java.util.function.Consumer<IndexedChunk> action);

    /** A document's chunks in text order, without vectors. */
    List<IndexedChunk> documentChunks(String docId);

    IndexStats stats();

    /**
     * Commits, then holds that commit's files from deletion until the returned pin is closed: what a snapshot copies.
     * Searches and writes go on meanwhile.
     */
    PinnedCommit pinCommit();

    /** Why the index cannot serve or write right now (damaged files, a writer that cannot reopen); empty when healthy. */
    List<String> problems();

    @Override
    void close();
}
