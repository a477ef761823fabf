package dev.quarry.collection;

import dev.quarry.chat.ChatService;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.ingest.FolderWatcher;
import dev.quarry.ingest.IngestException;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.WriteQueue;
import dev.quarry.search.Searcher;
import dev.quarry.tune.CollectionTuning;
import dev.quarry.tune.TuneJobs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One served collection: its index, the embedder of its model, its searcher and chat service, and its one writer,
 * through which every change to its index goes (ingests from the API and the command line, the watcher, deletes).
 */
public final class Collection implements AutoCloseable {

    private volatile CollectionSpec spec;
    private final ChunkIndex index;
    private final CachingEmbedder embedder;
    private final Searcher searcher;
    private final CollectionTuning tuning;
    private final TuneJobs tuneJobs;
    private final Ingester ingester;
    private final ChatService chat;
    private final WriteQueue writes;
    private final IngestJobs ingestJobs;
    private final Snapshots snapshots;
    private final DiskBudget disk;
    private final boolean mayBeUnnamed;
    private final Consumer<CollectionSpec> onSpecChange;
    private final Runnable onClose;

    Collection(CollectionSpec spec, ChunkIndex index, CachingEmbedder embedder, Searcher searcher, CollectionTuning tuning,
               TuneJobs tuneJobs, Ingester ingester, ChatService chat, WriteQueue writes, IngestJobs ingestJobs,
               Snapshots snapshots, DiskBudget disk, boolean mayBeUnnamed, Consumer<CollectionSpec> onSpecChange, Runnable onClose) {
        this.snapshots = snapshots;
        this.disk = disk;
        this.spec = spec;
        this.index = index;
        this.embedder = embedder;
        this.searcher = searcher;
        this.tuning = tuning;
        this.tuneJobs = tuneJobs;
        this.ingester = ingester;
        this.chat = chat;
        this.writes = writes;
        this.ingestJobs = ingestJobs;
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

    public ChunkIndex index() {
        return index;
    }

    public CachingEmbedder embedder() {
        return embedder;
    }

    public Searcher searcher() {
        return searcher;
    }

    /** Its judged queries and tuning profiles. */
    public CollectionTuning tuning() {
        return tuning;
    }

    /** Tuning runs started over the API. */
    public TuneJobs tuneJobs() {
        return tuneJobs;
    }

    public ChatService chat() {
        return chat;
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
        if (disk.limited()) ingester.admit(source.name(), source.folder(), folder);
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
        return writes.run(() -> ingester.ingest(source.name(), source.folder(), folder, progress,
                () -> stop.getAsBoolean() || writes.stopping()));
    }

    /** Keeps {@code folder} in sync with its source until the watcher is closed. */
    public FolderWatcher watch(Path folder, String sourceName, Duration debounce, Consumer<IngestReport> onSync) {
        Source source = sourceFor(folder, sourceName);
        return new FolderWatcher(ingester, writes, source.name(), source.folder(), realFolder(folder), debounce, onSync);
    }

    static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new IngestException("folder " + folder + " does not exist or cannot be read", e);
        }
    }

    /** Lets the write in flight reach a safe point, then closes the index. */
    @Override
    public void close() {
        try {
            tuneJobs.close();
            writes.close();
            index.close();
        } finally {
            onClose.run();
        }
    }
}
