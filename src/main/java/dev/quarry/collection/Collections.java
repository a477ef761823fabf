package dev.quarry.collection;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.VectorFormat;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collections a Quarry serves, by name: the default one (the configured model and chunking, filled by
 * {@code serve --ingest} and by requests that name no collection), every collection created since (each described in
 * its folder of the data directory), and those configured under {@code compare.collections}.
 */
public final class Collections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collections.class);

    private final CollectionFactory factory;
    private final CollectionStore store;
    private final String defaultName;
    private final boolean readOnly;
    private final Map<String, Collection> byName = new LinkedHashMap<>();
    private final Generations generations;

    private Collections(CollectionFactory factory, CollectionStore store, String defaultName, boolean readOnly) {
        this.factory = factory;
        this.store = store;
        this.defaultName = defaultName;
        this.readOnly = readOnly;
        this.generations = new Generations(factory, store, this::get, readOnly, new Reindexer(Clock.systemUTC()));
    }

    /** Opens every collection for serving. */
    public static Collections open(CollectionFactory factory) {
        QuarryConfig config = factory.config();
        Collections collections = new Collections(factory, new CollectionStore(config.dataDir(), config.embedding()),
                config.collection(), false);
        try {
            Map<String, CollectionSpec> specs = collections.specs();
            for (CollectionSpec spec : specs.values()) collections.byName.put(spec.name(), collections.openOne(spec));
        } catch (RuntimeException e) {
            collections.close();
            throw e;
        }
        return collections;
    }

    /**
     * Opens the one collection {@code name} for searching only, beside a server that may own it: the command line
     * searches this way.
     */
    public static Collections openReadOnly(CollectionFactory factory, String name) {
        QuarryConfig config = factory.config();
        Collections collections = new Collections(factory, new CollectionStore(config.dataDir(), config.embedding()),
                config.collection(), true);
        String wanted = name == null ? config.collection() : name;
        CollectionSpec spec = collections.specs().get(wanted);
        if (spec == null) throw collections.unknown(wanted, "collection");
        collections.byName.put(wanted, collections.openOne(spec));
        return collections;
    }

    /** Every collection's description, without opening any: what the command line lists and rebuilds. */
    public static Map<String, CollectionSpec> described(CollectionFactory factory) {
        QuarryConfig config = factory.config();
        return new Collections(factory, new CollectionStore(config.dataDir(), config.embedding()), config.collection(), true).specs();
    }

    /**
     * Creates a collection on disk only, for the command line: a server running on the same data folder serves it
     * after its next start (a running server creates collections through its API).
     */
    public static CollectionSpec createDescribed(CollectionFactory factory, String name, String model, ChunkSettings chunking) {
        QuarryConfig config = factory.config();
        Collections collections = new Collections(factory, new CollectionStore(config.dataDir(), config.embedding()),
                config.collection(), true);
        CollectionSpec.checkCollectionName(name);
        if (collections.specs().containsKey(name) || collections.store.exists(name)) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "name", "a collection named '" + name + "' already exists");
        }
        CollectionSpec spec = collections.describe(name, model, chunking);
        collections.store.save(spec);
        return spec;
    }

    /**
     * Deletes a collection's folder and its Solr collection, if it has one, for the command line; refused while a
     * server holds its index.
     */
    public static void deleteDescribed(CollectionFactory factory, String name) {
        QuarryConfig config = factory.config();
        CollectionStore store = new CollectionStore(config.dataDir(), config.embedding());
        if (name.equals(config.collection())) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "name", "the default collection '" + name
                    + "' cannot be deleted: requests that name no collection use it");
        }
        if (!store.exists(name)) throw new QuarryException(QuarryException.Kind.NOT_FOUND, "name", "no collection named '" + name + "'");
        LuceneChunkIndex.ensureNotInUse(new IndexLocation(config.dataDir(), name).current());
        factory.deleteOutsideData(name);
        store.delete(name);
    }

    /**
     * Rebuilds a collection beside its live index from its sources and {@code folder} (added as a source when new),
     * then makes the new index live; for the command line, while no server holds the collection.
     */
    public static List<IngestReport> rebuild(CollectionFactory factory, String name, Path folder, String sourceName,
                                             IngestProgress progress, BooleanSupplier stop) {
        QuarryConfig config = factory.config();
        String wanted = name == null ? config.collection() : name;
        CollectionSpec spec = described(factory).get(wanted);
        if (spec == null) throw new QuarryException(QuarryException.Kind.NOT_FOUND, "collection", "no collection named '" + wanted + "'");
        Path real = Collection.realFolder(folder);
        Source source = spec.sourceFor(real, sourceName, legacy(config, wanted));
        CollectionSpec rebuilt = spec.source(source.name()).isPresent() ? spec : spec.withSource(source);
        List<IngestReport> reports = factory.rebuild(rebuilt, progress, stop);
        new CollectionStore(config.dataDir(), config.embedding()).save(rebuilt);
        return reports;
    }

    /** Restores a snapshot into the new collection {@code into} on disk, for the command line, while no server serves it. */
    public static CollectionSpec restoreDescribed(CollectionFactory factory, SnapshotSource source, String into) {
        Collections collections = onDisk(factory);
        return SnapshotRestore.intoNew(factory.config().dataDir(), collections.store, into, source, collections::describeRestored);
    }

    /**
     * Replaces the collection {@code name} with a snapshot, for the command line: refused while a process holds its
     * index. The previous index generation serves until the restored one is verified.
     */
    public static CollectionSpec restoreReplacing(CollectionFactory factory, SnapshotSource source, String name) {
        Collections collections = onDisk(factory);
        if (!collections.specs().containsKey(name)) throw collections.unknown(name, "collection");
        if (factory.config().backend(name) instanceof IndexBackend.Solr) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "collection", "the collection '" + name + "' is kept in"
                    + " SolrCloud: restore it with Solr's own Collections API (action=RESTORE)");
        }
        return SnapshotRestore.replacing(factory.config().dataDir(), collections.store, name, source, collections::describeRestored);
    }

    /** Restores a snapshot into the new collection {@code into} and serves it. */
    public Collection restore(SnapshotSource source, String into) {
        if (readOnly) throw new QuarryException(QuarryException.Kind.CONFLICT, null, "collections are opened read-only here");
        synchronized (this) {
            if (byName.containsKey(into)) {
                throw new QuarryException(QuarryException.Kind.CONFLICT, "into", "a collection named '" + into + "' already exists");
            }
        }
        // The copy runs outside the lock: the new folder, made first, keeps the name taken meanwhile.
        CollectionSpec spec = SnapshotRestore.intoNew(factory.config().dataDir(), store, into, source, this::describeRestored);
        synchronized (this) {
            Collection opened;
            try {
                opened = openOne(spec);
            } catch (RuntimeException e) {
                store.delete(into);
                throw e;
            }
            byName.put(into, opened);
            return opened;
        }
    }

    /** A snapshot holds no description when its collection never had one written: the configured settings apply. */
    private CollectionSpec describeRestored(String name, String model) {
        return describe(name, model, null);
    }

    private static Collections onDisk(CollectionFactory factory) {
        QuarryConfig config = factory.config();
        return new Collections(factory, new CollectionStore(config.dataDir(), config.embedding()), config.collection(), true);
    }

    /** The default collection first, then the stored ones, then the configured comparison collections. */
    private Map<String, CollectionSpec> specs() {
        QuarryConfig config = factory.config();
        Map<String, CollectionSpec> specs = new LinkedHashMap<>();
        // The default collection always follows the configuration: a changed model is then refused by its index.
        List<Source> defaultSources = new ArrayList<>();
        Map<String, CollectionSpec> stored = new LinkedHashMap<>();
        for (CollectionSpec s : store.load()) stored.put(s.name(), s);
        CollectionSpec storedDefault = stored.remove(defaultName);
        if (storedDefault != null) defaultSources.addAll(storedDefault.sources());
        VectorFormat vectors = config.hnsw().vectors();
        specs.put(defaultName, new CollectionSpec(defaultName, defaultSources, config.embedding(), config.chunking(), vectors));
        specs.putAll(stored);
        for (QuarryConfig.CompareCollection c : config.compare()) {
            specs.putIfAbsent(c.name(), new CollectionSpec(c.name(), List.of(), c.embedding(), config.chunking(), vectors));
        }
        return specs;
    }

    /**
     * The default collection and the configured comparison collections may keep one folder as their unnamed source,
     * as they were filled before collections had several.
     */
    private Collection openOne(CollectionSpec spec) {
        return factory.open(spec, readOnly, legacy(factory.config(), spec.name()), store::save);
    }

    static boolean legacy(QuarryConfig config, String name) {
        return name.equals(config.collection()) || config.compare().stream().anyMatch(c -> c.name().equals(name));
    }

    /** Reindexing, listing, rolling back and deleting the index generations of these collections. */
    public Generations generations() {
        return generations;
    }

    public String defaultName() {
        return defaultName;
    }

    public synchronized Optional<Collection> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection defaultCollection() {
        return get(defaultName).orElseThrow(() -> unknown(defaultName, "collection"));
    }

    public synchronized List<Collection> all() {
        return List.copyOf(byName.values());
    }

    /** A new collection's description, with the configured model, chunking and vector format. */
    public CollectionSpec describe(String name, String model, ChunkSettings chunking) {
        return describe(name, model, chunking, null);
    }

    /** A new collection's description, with the configured setting wherever an argument is null. */
    public CollectionSpec describe(String name, String model, ChunkSettings chunking, VectorFormat vectors) {
        QuarryConfig config = factory.config();
        return new CollectionSpec(name, List.of(), store.embedding(model, "model"),
                chunking == null ? config.chunking() : chunking, vectors == null ? config.hnsw().vectors() : vectors);
    }

    /** Creates, describes on disk and opens a collection; a name in use, or a folder left in the data directory, is a conflict. */
    public synchronized Collection create(CollectionSpec spec) {
        if (readOnly) throw new QuarryException(QuarryException.Kind.CONFLICT, null, "collections are opened read-only here");
        if (byName.containsKey(spec.name()) || store.exists(spec.name())) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "name", "a collection named '" + spec.name() + "' already exists");
        }
        store.save(spec);
        Collection opened;
        try {
            opened = openOne(spec);
        } catch (RuntimeException e) {
            store.delete(spec.name());
            throw e;
        }
        byName.put(spec.name(), opened);
        log.info("Created collection {} ({} model, {} sources)", spec.name(), opened.embedder().model().id(), spec.sources().size());
        return opened;
    }

    /**
     * Removes a collection, its files and its Solr collection, if it has one, once its writer has finished the write
     * in flight and the requests in flight have released its index. The default collection stays: requests that name
     * none go there.
     */
    public void delete(String name) {
        Collection removed;
        synchronized (this) {
            if (name.equals(defaultName)) {
                throw new QuarryException(QuarryException.Kind.CONFLICT, "name", "the default collection '" + name
                        + "' cannot be deleted: requests that name no collection use it");
            }
            if (!byName.containsKey(name)) throw unknown(name, "name");
            if (generations.reindexing(name)) {
                throw new QuarryException(QuarryException.Kind.CONFLICT, "name", "collection '" + name
                        + "' is being reindexed: wait for the reindex to finish before deleting it");
            }
            removed = byName.remove(name);
        }
        removed.close();
        // Searches in flight finish first: their lease keeps the index open, and its files on disk.
        removed.closed().join();
        factory.deleteOutsideData(name);
        store.delete(name);
        log.info("Deleted collection {}", name);
    }

    public QuarryException unknown(String name, String field) {
        return new QuarryException(QuarryException.Kind.NOT_FOUND, field, "no collection named '" + name + "'");
    }

    /** Lets a running reindex stop at a safe point, then closes every collection. */
    @Override
    public void close() {
        generations.close();
        closeAll();
    }

    private synchronized void closeAll() {
        RuntimeException first = null;
        for (Collection c : byName.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        byName.clear();
        if (first != null) throw first;
    }
}
