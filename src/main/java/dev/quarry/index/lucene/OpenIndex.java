package dev.quarry.index.lucene;

import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open Lucene index: its writer (none when read-only) and its near-real-time searchers. Lucene closes a writer
 * after a failure it cannot roll back, such as a full disk while flushing; the next write then reopens it on the last
 * commit, with new searchers, so the index recovers by itself once there is space again.
 */
final class OpenIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenIndex.class);
    /** The IR literature's BM25 setting for these collections (Anserini's defaults); the Solr configset sets the same. */
    private static final Similarity BM25 = new BM25Similarity(0.9f, 0.4f);
    private static final SearcherFactory BM25_SEARCHERS = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(BM25);
            return searcher;
        }
    };

    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Path dir;
    private final Directory directory;
    private final HnswSettings hnsw;
    private volatile IndexWriter writer;
    /** The writer's deletion policy, which keeps the commits that snapshots pin. */
    private volatile SnapshotDeletionPolicy commits;
    private volatile SearcherManager searchers;
    private CompletableFuture<Void> merge = CompletableFuture.completedFuture(null);
    private volatile boolean closing;

    private OpenIndex(Path dir, Directory directory, HnswSettings hnsw, IndexWriter writer, SnapshotDeletionPolicy commits)
            throws IOException {
        this.dir = dir;
        this.directory = directory;
        this.hnsw = hnsw;
        this.writer = writer;
        this.commits = commits;
        this.searchers = writer == null ? new SearcherManager(directory, BM25_SEARCHERS) : new SearcherManager(writer, BM25_SEARCHERS);
    }

    static OpenIndex readOnly(Path dir, Directory directory) throws IOException {
        return new OpenIndex(dir, directory, null, null, null);
    }

    /** Opens the writer: an existing index is only ever appended to, since creating over it would delete its files. */
    static OpenIndex writable(Path dir, Directory directory, HnswSettings hnsw, boolean exists) throws IOException {
        SnapshotDeletionPolicy commits = keepingPinned();
        return new OpenIndex(dir, directory, hnsw, new IndexWriter(directory, config(hnsw, exists, commits)), commits);
    }

    /** Keeps only the last commit, and any commit a snapshot pins until it is released. */
    private static SnapshotDeletionPolicy keepingPinned() {
        return new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
    }

    /** Quarry's writer settings; an upgrade rewrites segments with them too. */
    static IndexWriterConfig config(HnswSettings hnsw, boolean exists) {
        return config(hnsw, exists, keepingPinned());
    }

    private static IndexWriterConfig config(HnswSettings hnsw, boolean exists, SnapshotDeletionPolicy commits) {
        return new IndexWriterConfig(new EnglishAnalyzer())
                .setIndexDeletionPolicy(commits)
                .setSimilarity(BM25)
                .setOpenMode(exists ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64)
                .setCodec(HnswCodec.of(hnsw));
    }

    boolean writable() {
        return writer != null;
    }

    /** The open writer, reopened on the last commit if a failure closed it; fails with {@link IndexException}. */
    IndexWriter writer() {
        IndexWriter current = writer;
        if (current == null) throw new IndexException("the index at " + dir + " was opened read-only");
        return current.isOpen() ? current : reopen();
    }

    private synchronized IndexWriter reopen() {
        if (writer.isOpen()) return writer;
        Throwable cause = writer.getTragicException();
        String why = cause == null ? "it was closed" : cause.toString();
        try {
            SnapshotDeletionPolicy freshCommits = keepingPinned();
            IndexWriter fresh = new IndexWriter(directory, config(hnsw, true, freshCommits));
            SearcherManager old = searchers;
            searchers = new SearcherManager(fresh, BM25_SEARCHERS);
            commits = freshCommits;
            writer = fresh;
            old.close();
            log.warn("Reopened the index writer at {} on its last commit after a failure ({}); changes since that commit"
                    + " are redone by the next ingest", dir, why);
            return fresh;
        } catch (IOException | RuntimeException e) {
            throw new IndexException("cannot write the index at " + dir + ": the index writer failed (" + why
                    + ") and cannot be reopened yet: " + e.getMessage(), e);
        }
    }

    /** Why writes cannot be made now, after trying to reopen a closed writer; empty when they can. */
    Optional<String> problem() {
        if (writer == null || writer.isOpen()) return Optional.empty();
        try {
            writer();
            return Optional.empty();
        } catch (IndexException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The last commit, held from deletion until the returned release runs. */
    record Pin(IndexCommit commit, Runnable release) {
    }

    Pin pinLastCommit() throws IOException {
        IndexWriter current = writer();
        SnapshotDeletionPolicy policy = commits;
        IndexCommit commit = policy.snapshot();
        return new Pin(commit, () -> {
            try {
                policy.release(commit);
                // The released files go now rather than at the next commit.
                if (current.isOpen()) current.deleteUnusedFiles();
            } catch (IOException | AlreadyClosedException e) {
                log.warn("Releasing the snapshot of {} at {} failed: {}", commit.getSegmentsFileName(), dir, e.toString());
            }
        });
    }

    /** Makes what was written visible to searches. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /**
     * Merges the index into one segment on a thread of its own, then commits (with the commit data last set) and
     * refreshes the searchers; the merge already running if there is one. Searches and writes go on meanwhile:
     * Lucene writes the merged segment beside the ones it replaces.
     */
    synchronized CompletableFuture<Void> mergeInBackground() {
        if (!merge.isDone() || closing) return merge;
        IndexWriter current = writer();
        CompletableFuture<Void> running = new CompletableFuture<>();
        merge = running;
        Thread.ofPlatform().name("index-merge-" + dir.getFileName()).daemon().start(() -> {
            long started = System.nanoTime();
            try {
                current.forceMerge(1);
                if (!closing) {
                    current.commit();
                    refresh();
                    log.info("Merged the index at {} into one segment in {} s", dir, (System.nanoTime() - started) / 1_000_000_000);
                }
            } catch (IOException | RuntimeException e) {
                // Closing aborts the merge on purpose; anything else leaves the segments as they were, which only
                // costs search speed.
                if (!closing) log.warn("Merging the segments of the index at {} failed: {}", dir, e.toString());
            } finally {
                running.complete(null);
            }
        });
        return running;
    }

    <T> T withSearcher(SearcherFunction<T> work) throws IOException {
        SearcherManager manager = searchers;
        IndexSearcher searcher;
        try {
            searcher = manager.acquire();
        } catch (AlreadyClosedException e) {
            // A reopened writer swapped the searchers just now: take the new ones.
            if (manager == searchers) throw new IndexException("the index at " + dir + " is closed", e);
            manager = searchers;
            searcher = manager.acquire();
        }
        try {
            return work.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        CompletableFuture<Void> running;
        synchronized (this) {
            running = merge;
            searchers.close();
            if (writer != null && writer.isOpen()) {
                // Keeps what was written; a rollback rather than a close abandons merges instead of waiting for them.
                writer.commit();
                writer.rollback();
            }
        }
        running.join();
    }
}
