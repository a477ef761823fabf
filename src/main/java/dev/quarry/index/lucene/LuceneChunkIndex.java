package dev.quarry.index.lucene;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexMismatchException;
import dev.quarry.index.IndexStats;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.PinnedCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chunk index on Lucene: HNSW vectors, BM25 text and stored metadata in one index, searched near-real-time. */
public final class LuceneChunkIndex implements ChunkIndex {

    private static final Logger log = LoggerFactory.getLogger(LuceneChunkIndex.class);
    /** Before collections had several sources: the one folder an index was filled from. */
    private static final String LEGACY_SOURCE_ROOT = "quarry.source.root";
    private static final String SOURCES = "quarry.sources";

    private final Path dir;
    private final Directory directory;
    private final OpenIndex open;
    private final IntegrityCheck integrity;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexManifest manifest;
    private final HnswSettings hnsw;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    private LuceneChunkIndex(Path dir, Directory directory, OpenIndex open, IndexManifest manifest, HnswSettings hnsw) {
        this.hnsw = hnsw;
        this.dir = dir;
        this.directory = directory;
        this.open = open;
        this.manifest = manifest;
        this.integrity = IntegrityCheck.start(dir, directory);
    }

    /**
     * Opens an existing index for searching only, without taking its write lock, so the command line can search
     * while a server owns the index.
     */
    public static LuceneChunkIndex openReadOnly(Path dir, IndexManifest configured) {
        return openReadOnly(dir, configured, HnswSettings.DEFAULT);
    }

    public static LuceneChunkIndex openReadOnly(Path dir, IndexManifest configured, HnswSettings hnsw) {
        FSDirectory directory = null;
        try {
            directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                refuseOrphanedFiles(dir, directory);
                throw new IndexException("there is no index at " + dir + " yet: run `quarry ingest <folder>` first");
            }
            IndexVersions.read(dir, directory).noteOlderSegments(dir);
            IndexManifest existing = checkManifest(dir, directory, configured);
            LuceneChunkIndex index = new LuceneChunkIndex(dir, directory, OpenIndex.readOnly(dir, directory), existing, hnsw);
            index.readSources(DirectoryReader.listCommits(directory).getLast().getUserData());
            return index;
        } catch (IOException e) {
            closeQuietly(directory);
            throw new IndexException("cannot open the index at " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /** Fails when a process holds the write lock of the index in {@code dir}. */
    public static void ensureNotInUse(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (FSDirectory directory = FSDirectory.open(dir);
             Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            lock.ensureValid();
        } catch (LockObtainFailedException e) {
            throw new IndexException("the index at " + dir + " is in use by another Quarry process (a running server?)."
                    + " Stop it first.", e);
        } catch (IOException e) {
            throw new IndexException("cannot check the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static IndexManifest checkManifest(Path dir, Directory directory, IndexManifest configured)
            throws IOException {
        Map<String, String> userData = DirectoryReader.listCommits(directory).getLast().getUserData();
        IndexManifest existing = IndexManifest.fromMap(userData);
        if (existing == null) throw new IndexException("the folder " + dir + " holds a Lucene index that Quarry did not write");
        List<String> differences = existing.differences(configured);
        if (!differences.isEmpty()) throw new IndexMismatchException(dir, differences);
        return existing;
    }

    /**
     * Opens the index in {@code dir}, creating it if absent. An index built with another model, schema or chunking
     * than {@code configured} is refused.
     */
    public static LuceneChunkIndex open(Path dir, IndexManifest configured) {
        return open(dir, configured, HnswSettings.DEFAULT);
    }

    public static LuceneChunkIndex open(Path dir, IndexManifest configured, HnswSettings hnsw) {
        return open(dir, configured, hnsw, UnaryOperator.identity());
    }

    /** {@code storage} wraps the folder's directory: tests put faults such as a full disk in it. */
    static LuceneChunkIndex open(Path dir, IndexManifest configured, HnswSettings hnsw, UnaryOperator<Directory> storage) {
        Directory directory = null;
        try {
            Files.createDirectories(dir);
            directory = storage.apply(FSDirectory.open(dir));
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                IndexVersions.read(dir, directory).noteOlderSegments(dir);
                checkManifest(dir, directory, configured);
            } else {
                refuseOrphanedFiles(dir, directory);
            }
            LuceneChunkIndex index = new LuceneChunkIndex(dir, directory, OpenIndex.writable(dir, directory, hnsw, exists),
                    configured, hnsw);
            if (exists) {
                index.readSources(DirectoryReader.listCommits(directory).getLast().getUserData());
            } else {
                index.commit();
            }
            return index;
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IndexException("the index at " + dir + " is in use by another Quarry process (a running server?)."
                    + " Stop it, or ingest through its API: POST /v1/ingest", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new IndexException("cannot open the index at " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /**
     * Segment files without a commit point (a lost {@code segments_N}) are an index to restore, not an empty folder:
     * a new index would delete them.
     */
    private static void refuseOrphanedFiles(Path dir, Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals(IndexWriter.WRITE_LOCK_NAME) && !file.startsWith(".")) {
                throw new IndexException("the index folder " + dir + " holds index files (" + file + ", …) but no commit"
                        + " point (no segments_N file), so Quarry will not open it or write over it. Restore the folder"
                        + " from a backup or snapshot, or move it away and run `quarry ingest --rebuild <folder>`");
            }
        }
    }

    @Override
    public IndexManifest manifest() {
        return manifest;
    }

    @Override
    public Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    @Override
    public void source(String name, String root) {
        sources.put(name, root);
    }

    /** One {@code name=root} line per source: names never hold '=' or a line break. */
    private void readSources(Map<String, String> userData) {
        String encoded = userData.get(SOURCES);
        if (encoded == null) {
            String legacy = userData.get(LEGACY_SOURCE_ROOT);
            if (legacy != null) sources.put("", legacy);
            return;
        }
        for (String line : encoded.split("\n")) {
            int eq = line.indexOf('=');
            if (eq >= 0) sources.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    private String encodedSources() {
        return sources.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public Map<String, String> documentHashes() {
        return withSearcher(IndexScans::documentHashes);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        open.problem().ifPresent(problems::add);
        integrity.problem().ifPresent(problems::add);
        return problems;
    }

    @Override
    public void replaceDocument(String docId, List<IndexedChunk> chunks) {
        for (IndexedChunk c : chunks) {
            if (c.vector() == null || c.vector().length != manifest.dimensions()) {
                throw new IllegalArgumentException("chunk " + c.chunkId() + " has no vector of " + manifest.dimensions() + " dimensions");
            }
        }
        try {
            List<org.apache.lucene.document.Document> docs = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) docs.add(ChunkDocuments.toDocument(chunks.get(i), i));
            open.writer().updateDocuments(new Term(IndexFields.DOC_ID, docId), docs);
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexException("cannot write " + docId + " to the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteDocument(String docId) {
        try {
            open.writer().deleteDocuments(new Term(IndexFields.DOC_ID, docId));
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexException("cannot delete " + docId + " from the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void commit() {
        try {
            Map<String, String> userData = new HashMap<>(manifest.toMap());
            if (!sources.isEmpty()) userData.put(SOURCES, encodedSources());
            IndexWriter writer = open.writer();
            writer.setLiveCommitData(userData.entrySet());
            writer.commit();
            open.refresh();
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexException("cannot commit the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> mergeSegments() {
        if (!open.writable() || !withSearcher(searcher -> Fragmentation.worthMerging(searcher.getIndexReader()))) {
            return CompletableFuture.completedFuture(null);
        }
        log.info("Merging the segments of the index at {} in the background", dir);
        return open.mergeInBackground();
    }

    @Override
    public <T> T read(Function<IndexView, T> work) {
        try {
            return withSearcher(searcher -> work.apply(new LuceneIndexView(searcher, analyzer, hnsw)));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CorruptIndexException corrupt) throw new IndexException(integrity.damaged(corrupt), corrupt);
            throw e;
        }
    }

    @Override
    public Optional<IndexedChunk> chunk(String chunkId) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.CHUNK_ID, ChunkDocuments.storedId(chunkId))), 1);
            if (top.scoreDocs.length == 0) return Optional.empty();
            return Optional.of(ChunkDocuments.fromDocument(searcher.storedFields().document(top.scoreDocs[0].doc), null));
        });
    }

    @Override
    public void forEachChunk(java.util.function.Consumer<IndexedChunk> action) {
        withSearcher(searcher -> {
            IndexScans.forEachChunk(searcher, action);
            return null;
        });
    }

    @Override
    public List<IndexedChunk> documentChunks(String docId) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.DOC_ID, docId)), Integer.MAX_VALUE,
                    new Sort(new SortField(IndexFields.ORDINAL, SortField.Type.INT)));
            StoredFields stored = searcher.storedFields();
            List<IndexedChunk> chunks = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) chunks.add(ChunkDocuments.fromDocument(stored.document(sd.doc), null));
            return chunks;
        });
    }

    @Override
    public IndexStats stats() {
        int documents = documentHashes().size();
        int chunks = withSearcher(searcher -> searcher.getIndexReader().numDocs());
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            bytes = -1;
        }
        return new IndexStats(documents, chunks, bytes);
    }

    @Override
    public PinnedCommit pinCommit() {
        commit();
        OpenIndex.Pin pin;
        try {
            pin = open.pinLastCommit();
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexException("cannot pin the last commit of the index at " + dir + ": " + e.getMessage(), e);
        }
        try {
            return CommitPins.describe(dir, directory, pin.commit(), pin.release());
        } catch (IOException | RuntimeException e) {
            pin.release().run();
            if (e instanceof CorruptIndexException corrupt) throw new IndexException(integrity.damaged(corrupt), corrupt);
            if (e instanceof RuntimeException r) throw r;
            throw new IndexException("cannot read the commit of the index at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Pins the last commit of the index in {@code dir} while no process writes it; fails when one does. */
    public static PinnedCommit pinIdle(Path dir) {
        return CommitPins.pinIdle(dir);
    }

    @Override
    public synchronized void close() {
        integrity.stop();
        try {
            open.close();
        } catch (IOException e) {
            log.warn("Closing the index at {} failed: {}", dir, e.getMessage());
        } finally {
            closeQuietly(directory);
        }
    }

    private <T> T withSearcher(OpenIndex.SearcherFunction<T> work) {
        try {
            return open.withSearcher(work);
        } catch (CorruptIndexException e) {
            throw new IndexException(integrity.damaged(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Directory directory) {
        if (directory == null) return;
        try {
            directory.close();
        } catch (IOException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
