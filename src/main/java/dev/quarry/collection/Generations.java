package dev.quarry.collection;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.StoredIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The index generations of served collections: reindexing into a new one while the live one serves, listing them,
 * rolling back to a kept one, deleting a kept one, and promoting any complete generation folder of a collection.
 * Each swap runs in the collection's writer turn and keeps the generation it replaces on disk.
 */
public final class Generations implements AutoCloseable {

    /** One generation on disk: what it was built with, its size, and whether it is live or the one before. */
    public record Info(int number, String model, ChunkSettings chunking, int chunks, long bytes, boolean live, boolean previous) {
    }

    private final CollectionFactory factory;
    private final CollectionStore store;
    private final Function<String, Optional<Collection>> served;
    private final boolean readOnly;
    private final Reindexer reindexer;

    Generations(CollectionFactory factory, CollectionStore store, Function<String, Optional<Collection>> served, boolean readOnly,
                Reindexer reindexer) {
        this.factory = factory;
        this.store = store;
        this.served = served;
        this.readOnly = readOnly;
        this.reindexer = reindexer;
    }

    /**
     * Starts rebuilding {@code name} from its sources with {@code model} and {@code chunking} (null: unchanged); the
     * job swaps the new generation in when complete.
     */
    public synchronized Reindexer.Status reindex(String name, String model, ChunkSettings chunking) {
        Collection c = changeable(name);
        EmbeddingConfig embedding = model == null ? c.spec().embedding() : store.embedding(model, "model");
        ChunkSettings chunks = chunking == null ? c.spec().chunking() : chunking;
        followsConfiguration(c, embedding, chunks);
        return reindexer.submit(c, c.spec().withModel(embedding, chunks), factory, location(name));
    }

    public Optional<Reindexer.Status> job(String name, String id) {
        return reindexer.status(name, id);
    }

    public List<Reindexer.Status> jobs(String name) {
        return reindexer.all(name);
    }

    /** Whether a reindex of {@code name} is queued or running: its collection may not be deleted meanwhile. */
    boolean reindexing(String name) {
        return reindexer.active(name).isPresent();
    }

    /** Every complete generation of {@code name} on disk; one a reindex is filling (or a crash left half-built) is left out. */
    public List<Info> list(String name) {
        changeable(name);
        IndexLocation location = location(name);
        Path live = location.current();
        Optional<Path> previous = location.previous();
        Optional<Path> unfinished = location.building();
        List<Info> infos = new ArrayList<>();
        for (Path dir : location.generations()) {
            int number = IndexLocation.number(dir);
            if (unfinished.filter(dir::equals).isPresent()) continue;
            StoredIndex stored = StoredIndex.read(dir);
            IndexManifest m = stored.manifest();
            infos.add(new Info(number, m.modelId(), chunking(m), stored.chunks(), stored.bytes(), dir.equals(live),
                    previous.map(dir::equals).orElse(false)));
        }
        return infos;
    }

    /**
     * Makes a kept generation live again ({@code generation} null: the one live before the last swap), with the
     * model and chunking it was built with; returns its number.
     */
    public int rollback(String name, Integer generation) {
        changeable(name);
        refuseWhileReindexing(name);
        IndexLocation location = location(name);
        Path dir;
        if (generation == null) {
            dir = location.previous().orElseThrow(() -> new QuarryException(QuarryException.Kind.CONFLICT, null,
                    "collection '" + name + "' keeps no previous generation to roll back to"));
        } else {
            dir = complete(location, generation);
        }
        if (dir.equals(location.current())) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "generation", "generation " + generation + " is already live");
        }
        return promote(name, dir);
    }

    /**
     * Makes the complete index generation in {@code generationDir} (an {@code index-N} folder of the collection, such
     * as a restored one) live, with the model and chunking its manifest records; the live one is kept on disk.
     * Returns its number.
     */
    public int promote(String name, Path generationDir) {
        Collection c = changeable(name);
        refuseWhileReindexing(name);
        IndexLocation location = location(name);
        Path dir = location.generation(IndexLocation.number(generationDir));
        if (!dir.equals(generationDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(generationDir + " is not an index generation folder of collection '" + name + "'");
        }
        IndexManifest manifest = StoredIndex.read(dir).manifest();
        EmbeddingConfig embedding = embeddingOf(c, manifest);
        ChunkSettings chunking = chunking(manifest);
        followsConfiguration(c, embedding, chunking);
        return c.writes().run(() -> {
            // A generation swapped out moments ago holds its write lock until the requests using it are done.
            c.awaitClosed(IndexLocation.number(dir));
            Generation next = factory.openGeneration(c.spec().withModel(embedding, chunking), dir);
            try {
                c.swap(next, embedding, chunking, () -> location.switchTo(dir));
            } catch (RuntimeException e) {
                next.retire();
                throw e;
            }
            return next.number;
        });
    }

    /**
     * Replaces the served collection {@code name} with its snapshot {@code id}: the snapshot is restored into a new
     * generation and verified (every checksum, then the index) while the live one serves, then swapped in as
     * {@link #promote} does, keeping the generation it replaces for rollback. Refused while a reindex runs (both
     * fill the next generation); a restore that fails leaves nothing behind. Returns the new live number.
     */
    public synchronized int restoreSnapshot(String name, String id) {
        Collection c = changeable(name);
        refuseWhileReindexing(name);
        IndexLocation location = location(name);
        Path dir = location.nextUnfinished();
        try {
            c.snapshots().restoreGeneration(id, dir);
            return promote(name, dir);
        } catch (RuntimeException e) {
            if (!dir.equals(location.current())) location.delete(dir);
            throw e;
        }
    }

    /** Deletes a kept generation; the live one, and any while a reindex runs, are refused. */
    public void delete(String name, int generation) {
        Collection c = changeable(name);
        refuseWhileReindexing(name);
        IndexLocation location = location(name);
        // A generation a crash left half-built may be deleted too: no reindex is running (checked above).
        Path dir = location.generation(generation);
        if (!Files.isDirectory(dir)) throw new QuarryException(QuarryException.Kind.NOT_FOUND, "generation", "no generation " + generation);
        if (dir.equals(location.current())) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "generation", "generation " + generation
                    + " is live: roll back to another one before deleting it");
        }
        c.writes().run(() -> {
            c.awaitClosed(generation);
            location.delete(dir);
            return null;
        });
    }

    private Collection changeable(String name) {
        if (readOnly) throw new QuarryException(QuarryException.Kind.CONFLICT, null, "collections are opened read-only here");
        Collection c = served.apply(name).orElseThrow(() -> new QuarryException(QuarryException.Kind.NOT_FOUND, "name",
                "no collection named '" + name + "'"));
        if (factory.config().backend(name) instanceof IndexBackend.Solr) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "backend", "collection '" + name + "' is kept in"
                    + " SolrCloud, which has no index generations here: rebuild it with `quarry ingest <folder> --collection "
                    + name + " --rebuild`, which fills a new Solr collection while this one serves and then swaps them");
        }
        return c;
    }

    /**
     * The default collection and the configured comparison collections take their model and chunking from
     * quarry.yaml at every start, so a generation built otherwise would be refused at the next one.
     */
    private void followsConfiguration(Collection c, EmbeddingConfig embedding, ChunkSettings chunking) {
        if (!Collections.legacy(factory.config(), c.name())) return;
        String change = "collection '" + c.name() + "' takes its model and chunking from quarry.yaml: change them there"
                + " and run `quarry ingest <folder> --rebuild`, or create a collection of its own for the new settings";
        if (!embedding.equals(c.spec().embedding())) throw new QuarryException(QuarryException.Kind.CONFLICT, "model", change);
        if (!chunking.equals(c.spec().chunking())) throw new QuarryException(QuarryException.Kind.CONFLICT, "chunking", change);
    }

    private void refuseWhileReindexing(String name) {
        reindexer.active(name).ifPresent(job -> {
            throw new QuarryException(QuarryException.Kind.CONFLICT, null, "collection '" + name
                    + "' is being reindexed (job " + job.id() + "): wait for it to finish");
        });
    }

    /** A complete generation on disk to roll back to: a half-built one is as good as none. */
    private static Path complete(IndexLocation location, int generation) {
        Path dir = location.generation(generation);
        if (!Files.isDirectory(dir) || location.building().filter(dir::equals).isPresent()) {
            throw new QuarryException(QuarryException.Kind.NOT_FOUND, "generation", "no generation " + generation);
        }
        return dir;
    }

    private IndexLocation location(String name) {
        return new IndexLocation(factory.config().dataDir(), name);
    }

    /**
     * The model that embedded a generation: its manifest names the loaded model's id, which for a remote deployment
     * is not the configured model name, so the live and the configured models are recognized by their loaded ids.
     */
    private EmbeddingConfig embeddingOf(Collection c, IndexManifest m) {
        if (m.modelId().equals(c.embedder().model().id())) return c.spec().embedding();
        EmbeddingConfig configured = store.embedding(null, "generation");
        if (m.modelId().equals(factory.embedder(configured).model().id())) return configured;
        return store.embedding(m.modelId(), "generation");
    }

    private static ChunkSettings chunking(IndexManifest m) {
        return new ChunkSettings(m.chunkMaxTokens(), m.chunkOverlapTokens(), m.headingContext());
    }

    /** Lets a running reindex stop at its next safe point and waits for it. */
    @Override
    public void close() {
        reindexer.close();
    }
}
