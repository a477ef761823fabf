package dev.quarry.collection;

import dev.quarry.chat.ChatService;
import dev.quarry.chat.Retriever;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexStats;
import dev.quarry.index.PinnedCommit;
import dev.quarry.ingest.FolderWatcher;
import dev.quarry.ingest.IngestException;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.WriteQueue;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SearchResult;
import dev.quarry.search.Searcher;
import dev.quarry.tune.CollectionTuning;
import dev.quarry.tune.TuneJobs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One served collection: its live index generation (index, embedder of its model, searcher, chat service, tuning)
 * and its one writer, through which every change to its index goes (ingests from the API and the command line, the
 * watcher, deletes, the catch-up and swap of a reindex). A reindex or rollback swaps the live generation; a caller
 * that must see one generation throughout takes a {@link #lease()}.
 */
public final class Collection implements AutoCloseable {

    private volatile CollectionSpec spec;
    private volatile Generation live;
    private volatile boolean closed;
    private final WriteQueue writes;
    /** Generations swapped out whose index stays open while requests hold leases on them. */
    private final Map<Integer, CompletableFuture<Void>> retiring = new ConcurrentHashMap<>();
    private final IngestJobs ingestJobs;
    private final Snapshots snapshots;
    private final DiskBudget disk;
    private final boolean mayBeUnnamed;
    private final Consumer<CollectionSpec> onSpecChange;
    private final Runnable onClose;

    /** {@code snapshots} makes the collection's snapshot store from the way it pins the live generation's last commit. */
    Collection(CollectionSpec spec, Generation live, WriteQueue writes, Function<Supplier<PinnedCommit>, Snapshots> snapshots,
               DiskBudget disk, boolean mayBeUnnamed, Consumer<CollectionSpec> onSpecChange, Runnable onClose) {
        this.snapshots = snapshots.apply(this::pinCommit);
        this.disk = disk;
        this.spec = spec;
        this.live = live;
        this.writes = writes;
        // Each job asks for the ingester when it runs on the writer, so a job queued before a swap writes to the new generation.
        this.ingestJobs = new IngestJobs(spec.name(), () -> this.live.ingester, writes, Clock.systemUTC());
        this.mayBeUnnamed = mayBeUnnamed;
        this.onSpecChange = onSpecChange;
        this.onClose = onClose;
    }

    public String name() {
        return spec.name();
    }

    public CollectionSpec spec() {
        return spec;
    }

    /** The number of the live generation ({@code index-N}). */
    public int generation() {
        return live.number;
    }

    /**
     * Holds the live generation open until the lease is closed, whatever is swapped in meanwhile. Fails once the
     * collection is closed (deleted or the server stopping).
     */
    public Lease lease() {
        while (true) {
            Generation g = live;
            if (g.acquire()) return new Lease(g);
            // Retired: either a swap has already made another generation live, or the collection is closing.
            if (closed || g == live) throw new QuarryException(QuarryException.Kind.UNAVAILABLE, null,
                    "collection '" + name() + "' is closing");
        }
    }

    /** One search on the live generation, which stays open until it completes. */
    public SearchResult search(SearchQuery query) {
        try (Lease lease = lease()) {
            return lease.searcher().search(query);
        }
    }

    /** The live generation's counts and size, read under a lease. */
    public IndexStats stats() {
        try (Lease lease = lease()) {
            return lease.index().stats();
        }
    }

    /** The live generation's index; a caller that uses it for longer than one call takes a {@link #lease()}. */
    public ChunkIndex index() {
        return live.index;
    }

    public CachingEmbedder embedder() {
        return live.embedder;
    }

    /** The live generation's searcher; {@link #search(SearchQuery)} holds the generation open while it searches. */
    public Searcher searcher() {
        return live.searcher;
    }

    /** Its judged queries and the tuning profiles of the live generation's model. */
    public CollectionTuning tuning() {
        return live.tuning;
    }

    /** Tuning runs started over the API on the live generation. */
    public TuneJobs tuneJobs() {
        return live.tuneJobs;
    }

    /** The live generation's chat service; each retrieval leases the generation that is live when it runs. */
    public ChatService chat() {
        return live.chat.over(query -> search(query).hits().stream().map(hit -> new Retriever.Retrieved(name(), hit)).toList());
    }

    /** The collection's one writer. */
    public WriteQueue writes() {
        return writes;
    }

    public IngestJobs ingestJobs() {
        return ingestJobs;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    /** Pins the live generation's last commit; the generation stays open, whatever is swapped in, until it is released. */
    private PinnedCommit pinCommit() {
        Lease lease = lease();
        try {
            PinnedCommit pinned = lease.index().pinCommit();
            return new PinnedCommit(pinned.folder(), pinned.files(), pinned.userData(), pinned.documents(), pinned.chunks(), () -> {
                try {
                    pinned.close();
                } finally {
                    lease.close();
                }
            });
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The bytes it takes on disk: live index, other generations, snapshots. */
    public DiskUse diskUse() {
        return disk.use();
    }

    /**
     * Refuses at once an ingest of {@code folder} into {@code source} that the collection's disk limit does not allow;
     * the run checks again when it starts.
     */
    public void admitIngest(Source source, Path folder) {
        // Listing the folder and the index costs time: only a limit makes it worth it.
        if (disk.limited()) live.ingester.admit(source.name(), source.folder(), folder);
    }

    /** The source that {@code folder} belongs to, added to the collection's description when new. */
    public synchronized Source sourceFor(Path folder, String sourceName) {
        Source source = spec.sourceFor(realFolder(folder), sourceName, mayBeUnnamed);
        if (spec.source(source.name()).isEmpty()) {
            spec = spec.withSource(source);
            onSpecChange.accept(spec);
        }
        return source;
    }

    /** Ingests {@code folder} into its source through the collection's writer. */
    public IngestReport ingest(Path folder, String sourceName, IngestProgress progress, BooleanSupplier stop) {
        Source source = sourceFor(folder, sourceName);
        return writes.run(() -> live.ingester.ingest(source.name(), source.folder(), folder, progress,
                () -> stop.getAsBoolean() || writes.stopping()));
    }

    /** Keeps {@code folder} in sync with its source until the watcher is closed. */
    public FolderWatcher watch(Path folder, String sourceName, Duration debounce, Consumer<IngestReport> onSync) {
        Source source = sourceFor(folder, sourceName);
        return new FolderWatcher(() -> live.ingester, writes, source.name(), source.folder(), realFolder(folder), debounce, onSync);
    }

    static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new IngestException("folder " + folder + " does not exist or cannot be read", e);
        }
    }

    /**
     * Makes {@code next} live, embedded by {@code embedding} and chunked by {@code chunking}, and retires the
     * generation it replaces, which closes once its last lease is released. The description naming the new model is
     * saved before {@code onDisk} makes the generation live on disk, and restored if that fails, so the two never
     * disagree at the next start. Runs on the writer, between writes.
     */
    synchronized Generation swap(Generation next, EmbeddingConfig embedding, ChunkSettings chunking, Runnable onDisk) {
        CollectionSpec described = spec.withModel(embedding, chunking);
        onSpecChange.accept(described);
        try {
            onDisk.run();
        } catch (RuntimeException e) {
            onSpecChange.accept(spec);
            throw e;
        }
        Generation old = live;
        spec = described;
        live = next;
        retiring.put(old.number, old.closed());
        old.closed().whenComplete((done, failure) -> retiring.remove(old.number, old.closed()));
        old.retire();
        return old;
    }

    /** The live generation itself, which a test holds to see when it closes. */
    Generation live() {
        return live;
    }

    /** Waits until generation {@code number}, if it was live here before, has closed its index (after its last lease). */
    void awaitClosed(int number) {
        CompletableFuture<Void> closing = retiring.get(number);
        if (closing != null) closing.exceptionally(failure -> null).join();
    }

    /** Completes once the live generation's index is closed, after {@link #close()} and its last lease. */
    CompletableFuture<Void> closed() {
        return live.closed();
    }

    /** Lets the write in flight reach a safe point, then closes the index once no request holds it. */
    @Override
    public void close() {
        try {
            writes.close();
        } finally {
            // Its gauges go first: they lease the generation, which takes no leases once retired.
            onClose.run();
            closed = true;
            live.retire();
        }
    }
}
