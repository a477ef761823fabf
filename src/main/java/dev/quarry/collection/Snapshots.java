package dev.quarry.collection;

import dev.quarry.config.QuarryConfig;
import dev.quarry.config.StorageSettings;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.PinnedCommit;
import dev.quarry.index.lucene.LuceneChunkIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection's snapshots: taken from a pinned commit while the collection serves and ingests, listed, downloaded
 * as a tar, deleted, and kept within the configured count and age; restored through {@link SnapshotSource}.
 */
public final class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    private static final DateTimeFormatter IDS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String collection;
    private final Path folder;
    private final SnapshotStore store;
    private final Supplier<PinnedCommit> pin;
    private final StorageSettings storage;
    private final Clock clock;

    Snapshots(String collection, Path dataDir, Supplier<PinnedCommit> pin, StorageSettings storage, Clock clock) {
        this.collection = collection;
        this.folder = dataDir.resolve(collection);
        this.store = new SnapshotStore(folder);
        this.pin = pin;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * The snapshots of a collection no process is writing, for the command line: a snapshot taken here holds the
     * index's write lock while it copies, and fails when a server holds the collection.
     */
    public static Snapshots idle(QuarryConfig config, String collection) {
        return new Snapshots(collection, config.dataDir(), () -> {
            if (config.backend(collection) instanceof IndexBackend.Solr) {
                throw new QuarryException(QuarryException.Kind.CONFLICT, "collection", "the collection '" + collection
                        + "' is kept in SolrCloud: back it up with Solr's own Collections API (action=BACKUP, then action=RESTORE)");
            }
            return LuceneChunkIndex.pinIdle(new IndexLocation(config.dataDir(), collection).current());
        }, config.storage(collection), Clock.systemUTC());
    }

    /** Takes a snapshot of the last commit (committing what was written first), then applies the retention settings. */
    public Snapshot create() {
        Instant now = clock.instant();
        Snapshot snapshot;
        try (PinnedCommit commit = pin.get()) {
            snapshot = store.add(newId(now), collection, now, commit, folder);
        }
        log.info("Took snapshot {} of collection {}: {} documents, {} chunks, {} bytes, {} of them new", snapshot.id(), collection,
                snapshot.documents(), snapshot.chunks(), snapshot.bytes(), snapshot.addedBytes());
        for (Snapshot expired : expired(store.list(), now)) {
            if (expired.id().equals(snapshot.id())) continue;
            store.delete(expired.id());
            log.info("Deleted snapshot {} of collection {}: beyond the retention settings ({})", expired.id(), collection, storage);
        }
        return snapshot;
    }

    /** Snapshots beyond the newest {@code keep}, and those older than the maximum age. */
    private List<Snapshot> expired(List<Snapshot> oldestFirst, Instant now) {
        int keep = storage.keepSnapshots();
        Duration maxAge = storage.maxSnapshotAge();
        List<Snapshot> expired = new ArrayList<>();
        for (int i = 0; i < oldestFirst.size(); i++) {
            Snapshot s = oldestFirst.get(i);
            boolean beyondCount = keep > 0 && i < oldestFirst.size() - keep;
            boolean tooOld = !maxAge.isZero() && s.created().isBefore(now.minus(maxAge));
            if (beyondCount || tooOld) expired.add(s);
        }
        return expired;
    }

    private String newId(Instant now) {
        String id = IDS.format(now);
        for (int n = 2; store.find(id).isPresent(); n++) id = IDS.format(now) + "-" + n;
        return id;
    }

    /** Oldest first. */
    public List<Snapshot> list() {
        return store.list();
    }

    public Snapshot get(String id) {
        return store.find(id).orElseThrow(() -> new QuarryException(QuarryException.Kind.NOT_FOUND, "id",
                "collection '" + collection + "' has no snapshot '" + id + "'"));
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
        log.info("Deleted snapshot {} of collection {}", id, collection);
    }

    /** Streams snapshot {@code id} as a tar archive with its checksum manifest. */
    public void download(String id, OutputStream out) throws IOException {
        SnapshotArchive.write(get(id), store, out);
    }

    /** A restore reading snapshot {@code id} of this collection. */
    public SnapshotSource source(String id) {
        get(id);
        return new SnapshotSource.Stored(this, id);
    }

    /**
     * Stages snapshot {@code id}, verifies every file's checksum and the index itself, and only then moves its index
     * into {@code target}, a generation folder not yet live; nothing live changes here.
     */
    void restoreGeneration(String id, Path target) {
        Path staging = folder.resolve("restoring-" + UUID.randomUUID());
        try {
            Snapshot snapshot = stage(id, staging);
            Files.move(SnapshotRestore.verifiedIndex(staging, snapshot), target);
        } catch (IOException e) {
            throw new IndexException("cannot restore snapshot " + id + " of collection " + collection + ": " + e.getMessage(), e);
        } finally {
            IndexLocation.deleteTree(staging);
        }
    }

    /** Copies (or, for index files, hard-links) snapshot {@code id} into {@code staging}, checking every file. */
    Snapshot stage(String id, Path staging) {
        Snapshot snapshot = get(id);
        try {
            for (Snapshot.SnapshotFile f : snapshot.files()) {
                Path target = staging.resolve(f.path());
                Files.createDirectories(target.getParent());
                Checksums.Copied copied;
                if (f.indexFile() && SnapshotStore.linked(store.blob(f.sha256()), target)) {
                    copied = new Checksums.Copied(Files.size(target), Checksums.sha256(target));
                } else {
                    try (InputStream in = store.open(f); OutputStream out = Files.newOutputStream(target)) {
                        copied = Checksums.copy(in, out);
                    }
                }
                if (copied.size() != f.size() || !copied.sha256().equals(f.sha256())) throw damaged(id, f.path() + " does not match its checksum");
            }
        } catch (NoSuchFileException e) {
            throw damaged(id, "a file it holds is missing from the store (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IndexException("cannot read snapshot " + id + " of collection " + collection + ": " + e.getMessage(), e);
        }
        return snapshot;
    }

    private QuarryException damaged(String id, String why) {
        return new QuarryException(QuarryException.Kind.CONFLICT, "id", "snapshot " + id + " of collection " + collection
                + " is damaged and cannot be restored: " + why + ". Delete it and restore another one");
    }
}
