package dev.quarry.index.solr;

import dev.quarry.error.QuarryException;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexMismatchException;
import dev.quarry.index.IndexStats;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.PinnedCommit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk index on a SolrCloud collection: one Solr document per chunk, kNN, BM25 and filters run in Solr, shards
 * merged by Solr. Changes become visible at {@link #commit}, as in the Lucene index: the collection's configset opens
 * no searcher on its own.
 */
public final class SolrChunkIndex implements ChunkIndex {

    private static final Logger log = LoggerFactory.getLogger(SolrChunkIndex.class);
    /**
     * Each failed attempt to commit or to replace a document means another process wrote the same document meanwhile;
     * that many in a row means something is wrong.
     */
    private static final int WRITE_ATTEMPTS = 20;

    private final String collection;
    private final SolrNodes nodes;
    private final SolrReads reads;
    private final IndexManifest manifest;
    private final HnswSettings hnsw;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    private SolrChunkIndex(String collection, SolrNodes nodes, IndexManifest manifest, HnswSettings hnsw) {
        this.collection = collection;
        this.nodes = nodes;
        this.reads = new SolrReads(nodes, collection);
        this.manifest = manifest;
        this.hnsw = hnsw;
    }

    /**
     * Opens the Solr collection {@code collection}, creating it (with its configset, and the shards and replicas of
     * {@code settings}) when absent. A collection built with another model, schema or chunking than {@code configured}
     * is refused, and so is one that Quarry did not create.
     */
    public static SolrChunkIndex open(SolrSettings settings, String collection, IndexManifest configured, HnswSettings hnsw) {
        return open(settings, collection, configured, hnsw, true);
    }

    /** Opens the Solr collection {@code collection} only when it exists, as the command line's searches do. */
    public static SolrChunkIndex openExisting(SolrSettings settings, String collection, IndexManifest configured,
                                              HnswSettings hnsw) {
        return open(settings, collection, configured, hnsw, false);
    }

    private static SolrChunkIndex open(SolrSettings settings, String collection, IndexManifest configured,
                                       HnswSettings hnsw, boolean mayCreate) {
        SolrNodes nodes = new SolrNodes(settings);
        try {
            SolrChunkIndex index = new SolrChunkIndex(collection, nodes, configured, hnsw);
            SolrCollections collections = new SolrCollections(nodes);
            if (!collections.exists(collection)) {
                if (!mayCreate) {
                    throw new IndexException("there is no Solr collection '" + collection + "' yet: run `quarry ingest <folder>` first");
                }
                log.info("Creating the Solr collection '{}' ({} shards, {} replicas each)", collection, settings.shards(),
                        settings.replicas());
                try {
                    collections.create(collection, configured.dimensions(), hnsw, settings);
                } catch (IndexException e) {
                    // Another Quarry starting at the same moment created it: it is adopted below like any empty one.
                    if (!collections.exists(collection)) throw e;
                }
            }
            index.checkMeta(collections);
            return index;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** Deletes the Solr collection {@code collection} and its configset, when they exist. */
    public static void deleteCollection(SolrSettings settings, String collection) {
        try (SolrNodes nodes = new SolrNodes(settings)) {
            new SolrCollections(nodes).delete(collection);
        }
        log.info("Deleted the Solr collection '{}'", collection);
    }

    private void checkMeta(SolrCollections collections) {
        SolrDocument found = reads.meta();
        if (found == null) {
            adopt(collections);
            return;
        }
        SolrMeta meta = SolrMeta.read(found);
        List<String> differences = differences(meta);
        if (!differences.isEmpty()) {
            throw new IndexMismatchException("the Solr collection '" + collection + "'", differences,
                    "rebuild it with `quarry ingest <folder> --rebuild`, or change the configuration back");
        }
        sources.putAll(meta.sources());
    }

    /** How the manifest in {@code meta} differs from this index's: a rebuild may have changed it since the open. */
    private List<String> differences(SolrMeta meta) {
        IndexManifest existing = IndexManifest.fromMap(meta.manifest());
        if (existing == null) throw new IndexException("the manifest of the Solr collection '" + collection + "' is empty");
        return existing.differences(manifest);
    }

    /**
     * Makes an empty collection without a manifest Quarry's by writing one: the collection Quarry has just created,
     * or one its administrators created from Quarry's configset (docs/scale-out.md). It must be routed by document
     * id, or replacing a document would miss its chunks on other shards.
     */
    private void adopt(SolrCollections collections) {
        if (reads.count("*:*") > 0) {
            throw new IndexException("the Solr collection '" + collection + "' was not created by Quarry (it has"
                    + " documents but no manifest document): give the Quarry collection another Solr collection");
        }
        String router = collections.routerField(collection);
        if (!SolrFields.DOC_ID.equals(router)) {
            throw new IndexException("the Solr collection '" + collection + "' is routed by " + (router == null
                    ? "chunk id" : router) + ", not by document: create it with router.field=" + SolrFields.DOC_ID);
        }
        commit();
    }

    @Override
    public IndexManifest manifest() {
        return manifest;
    }

    /** With the sources other Quarry processes filling the same collection have recorded since. */
    @Override
    public Map<String, String> sources() {
        SolrDocument current = reads.meta();
        if (current != null) mergeSources(SolrMeta.read(current));
        return Map.copyOf(sources);
    }

    /** Adds the sources that {@code meta} records and this process does not know; its own are never replaced. */
    private void mergeSources(SolrMeta meta) {
        meta.sources().forEach(sources::putIfAbsent);
    }

    @Override
    public void source(String name, String root) {
        sources.put(name, root);
    }

    @Override
    public Map<String, String> documentHashes() {
        Map<String, String> hashes = new HashMap<>();
        reads.forEach(SolrQueries.FIRST_CHUNKS, SolrFields.DOC_ID + "," + SolrFields.CONTENT_HASH,
                d -> hashes.put((String) d.getFirstValue(SolrFields.DOC_ID), (String) d.getFirstValue(SolrFields.CONTENT_HASH)));
        return hashes;
    }

    /**
     * Overwrites the document's chunks by their ids (the document id and the chunk's number) and deletes by id its
     * chunks numbered beyond the new ones, as many as it has now, in one update request: the two never touch the
     * same chunk, so the order in which Solr applies them does not matter, and the next commit shows the whole new
     * document. Writing a document twice leaves it as written once. (A delete by query would do without reading the
     * count, but costs three to five times as much in SolrCloud: every replica of every shard stops to apply it.)
     * Several processes may replace one document at once: its first chunk, written first, names the version read
     * with the count, so a write based on an outdated count is refused by Solr and done again from a new reading;
     * the document ends as the last complete write left it.
     */
    @Override
    public void replaceDocument(String docId, List<IndexedChunk> chunks) {
        List<SolrInputDocument> docs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            IndexedChunk c = chunks.get(i);
            if (c.vector() == null || c.vector().length != manifest.dimensions()) {
                throw new IllegalArgumentException("chunk " + c.chunkId() + " has no vector of " + manifest.dimensions() + " dimensions");
            }
            // The scheme above needs each chunk's id to be its number in the document.
            if (!ChunkIds.urlSafe(c.chunkId()).equals(ChunkIds.of(docId, i))) {
                throw new IllegalArgumentException("chunk " + c.chunkId() + " is not chunk " + i + " of " + docId);
            }
            docs.add(SolrChunkDocuments.toDocument(c, i, chunks.size()));
        }
        for (int attempt = 1; ; attempt++) {
            SolrReads.FirstChunk before = reads.firstChunk(docId);
            if (docs.isEmpty() && before.count() == 0) return;
            UpdateRequest update = new UpdateRequest();
            if (!docs.isEmpty()) {
                docs.getFirst().setField(SolrFields.VERSION, before.version());
                update.add(docs);
            }
            for (int i = chunks.size(); i < before.count(); i++) update.deleteById(ChunkIds.of(docId, i), docId);
            try {
                nodes.request(update, collection);
                return;
            } catch (IndexException e) {
                if (!SolrNodes.isVersionConflict(e) || attempt == WRITE_ATTEMPTS) throw e;
                log.debug("{} was replaced by another process meanwhile; replacing it again", docId);
            }
        }
    }

    @Override
    public void deleteDocument(String docId) {
        nodes.request(new UpdateRequest().deleteByQuery(SolrQueries.term(SolrFields.DOC_ID, docId)), collection);
    }

    /**
     * Writes the manifest and sources with the commit, which opens new searchers on every replica. Several Quarry
     * processes may fill one collection, each knowing the sources it ingested: the write keeps the sources the others
     * recorded, and names the version of the document it merged them from, so that Solr refuses it when another
     * process wrote in between, and it merges again.
     */
    @Override
    public synchronized void commit() {
        for (int attempt = 1; ; attempt++) {
            SolrDocument current = reads.meta();
            if (current != null) {
                SolrMeta recorded = SolrMeta.read(current);
                // A rebuild with another model or chunking moved the collection's alias since this index opened.
                List<String> differences = differences(recorded);
                if (!differences.isEmpty()) {
                    throw new IndexMismatchException("the Solr collection '" + collection + "'", differences,
                            "it was rebuilt meanwhile: restart Quarry with the configuration it was rebuilt with");
                }
                mergeSources(recorded);
            }
            SolrInputDocument meta = SolrMeta.of(manifest, sources).toDocument();
            // A negative version: the document must not exist yet.
            meta.setField(SolrFields.VERSION, current == null ? -1L : current.getFirstValue(SolrFields.VERSION));
            UpdateRequest update = new UpdateRequest();
            update.add(meta);
            update.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
            try {
                nodes.request(update, collection);
                return;
            } catch (IndexException e) {
                if (!SolrNodes.isVersionConflict(e) || attempt == WRITE_ATTEMPTS) throw e;
                log.debug("The manifest of the Solr collection '{}' changed while it was written; merging again", collection);
            }
        }
    }

    /** Solr merges segments itself, by its merge policy, as documents are written. */
    @Override
    public CompletableFuture<Void> mergeSegments() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public <T> T read(Function<IndexView, T> work) {
        return work.apply(new SolrIndexView(reads, hnsw));
    }

    @Override
    public Optional<IndexedChunk> chunk(String chunkId) {
        SolrDocumentList found = reads.query(SolrQueries.term(SolrFields.CHUNK_ID, ChunkIds.urlSafe(chunkId)),
                SolrFields.CHUNK_FIELDS, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(SolrChunkDocuments.fromDocument(found.getFirst(), null));
    }

    @Override
    public void forEachChunk(Consumer<IndexedChunk> action) {
        reads.forEach(SolrQueries.ALL_CHUNKS, SolrFields.CHUNK_FIELDS + "," + SolrFields.VECTOR,
                d -> action.accept(SolrChunkDocuments.fromDocument(d, SolrChunkDocuments.vector(d))));
    }

    @Override
    public List<IndexedChunk> documentChunks(String docId) {
        List<SolrDocument> docs = new ArrayList<>();
        reads.forEach(SolrQueries.term(SolrFields.DOC_ID, docId), SolrFields.CHUNK_FIELDS + "," + SolrFields.ORDINAL, docs::add);
        docs.sort(Comparator.comparingInt(d -> ((Number) d.getFirstValue(SolrFields.ORDINAL)).intValue()));
        return docs.stream().map(d -> SolrChunkDocuments.fromDocument(d, null)).toList();
    }

    /** Documents and chunks; the bytes the collection takes in Solr are not measured yet (-1). */
    @Override
    public IndexStats stats() {
        return new IndexStats((int) reads.count(SolrQueries.FIRST_CHUNKS), (int) reads.count(SolrQueries.ALL_CHUNKS), -1);
    }

    /** Solr keeps the index files on its own nodes, out of Quarry's reach: Solr backs them up itself. */
    @Override
    public PinnedCommit pinCommit() {
        throw new QuarryException(QuarryException.Kind.CONFLICT, null, "the collection '" + collection + "' is kept in"
                + " SolrCloud, whose index files Quarry cannot snapshot: back it up with Solr's own Collections API"
                + " (action=BACKUP, then action=RESTORE)");
    }

    /**
     * The bytes one copy of the collection takes in Solr (each replica takes as many), as Solr reports them; slow, so
     * not part of {@link #stats}: for sizing and benchmarks.
     */
    public long bytes() {
        return new SolrCollections(nodes).bytes(collection);
    }

    /** With a manifest that a rebuild changed since this index opened: searches then embed queries with another model. */
    @Override
    public List<String> problems() {
        try {
            List<String> problems = new ArrayList<>(new SolrCollections(nodes).problems(collection));
            SolrDocument meta = reads.meta();
            List<String> differences = meta == null ? List.of() : differences(SolrMeta.read(meta));
            if (!differences.isEmpty()) {
                problems.add("the Solr collection '" + collection + "' was rebuilt with other settings (" + String.join("; ",
                        differences) + "): restart Quarry with the configuration it was rebuilt with");
            }
            return problems;
        } catch (IndexException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public void close() {
        nodes.close();
    }

    @Override
    public String toString() {
        return "SolrChunkIndex[" + collection + "]";
    }
}
