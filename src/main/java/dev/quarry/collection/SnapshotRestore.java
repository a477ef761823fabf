package dev.quarry.collection;

import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.IndexCheck;
import dev.quarry.index.lucene.LuceneChunkIndex;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a snapshot on disk. Every file is checked against its SHA-256 and the index by Lucene's CheckIndex in a
 * staging folder beside the target before anything live changes; the files then move into place by rename.
 */
final class SnapshotRestore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRestore.class);
    private static final String STAGING = "restoring";

    private SnapshotRestore() {
    }

    /**
     * Restores into the new collection {@code name}. Its folder is created first, so a collection of that name cannot
     * be created meanwhile; its description is written last, so it is a collection only once complete.
     * {@code described} gives the description of a snapshot that holds none (by name and model id).
     */
    static CollectionSpec intoNew(Path dataDir, CollectionStore store, String name, SnapshotSource source,
                                  BiFunction<String, String, CollectionSpec> described) {
        CollectionSpec.checkCollectionName(name);
        Path target = dataDir.resolve(name);
        try {
            Files.createDirectories(dataDir);
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "into", "a collection named '" + name + "' already exists");
        } catch (IOException e) {
            throw new IndexException("cannot create " + target + ": " + e.getMessage(), e);
        }
        try {
            Path staging = target.resolve(STAGING);
            Snapshot snapshot = source.stage(staging);
            Path index = verifiedIndex(staging, snapshot);
            CollectionSpec spec = description(store, staging, name, snapshot, described);
            Files.move(index, target.resolve("index-1"));
            moveOwnFiles(staging, target);
            IndexLocation.deleteTree(staging);
            store.save(spec);
            log.info("Restored snapshot {} of collection {} into the new collection {}: {} documents, {} chunks", snapshot.id(),
                    snapshot.collection(), name, snapshot.documents(), snapshot.chunks());
            return spec;
        } catch (IOException | RuntimeException e) {
            IndexLocation.deleteTree(target);
            if (e instanceof RuntimeException r) throw r;
            throw new IndexException("cannot restore into " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the collection {@code name}, which no process may hold: the restored index becomes the next
     * generation and is made live only once verified; the one it replaces is kept for {@code quarry rollback}.
     */
    static CollectionSpec replacing(Path dataDir, CollectionStore store, String name, SnapshotSource source,
                                    BiFunction<String, String, CollectionSpec> described) {
        IndexLocation location = new IndexLocation(dataDir, name);
        LuceneChunkIndex.ensureNotInUse(location.current());
        Path folder = dataDir.resolve(name);
        Path staging = folder.resolve(STAGING);
        IndexLocation.deleteTree(staging);
        try {
            Snapshot snapshot = source.stage(staging);
            Path index = verifiedIndex(staging, snapshot);
            CollectionSpec spec = description(store, staging, name, snapshot, described);
            Path next = location.next();
            Files.move(index, next);
            for (String own : new String[] {"judgments.jsonl", "tuning"}) IndexLocation.deleteTree(folder.resolve(own));
            moveOwnFiles(staging, folder);
            store.save(spec);
            location.switchTo(next);
            log.info("Restored snapshot {} of collection {} over collection {}: {} documents, {} chunks", snapshot.id(),
                    snapshot.collection(), name, snapshot.documents(), snapshot.chunks());
            return spec;
        } catch (IOException e) {
            throw new IndexException("cannot restore over " + folder + ": " + e.getMessage(), e);
        } finally {
            IndexLocation.deleteTree(staging);
        }
    }

    /** The staged index folder, once it holds a Quarry index that passes Lucene's CheckIndex. */
    static Path verifiedIndex(Path staging, Snapshot snapshot) {
        if (IndexManifest.fromMap(snapshot.manifest()) == null) {
            throw SnapshotManifest.foreign("snapshot " + snapshot.id(), "its index has no Quarry manifest");
        }
        Path index = staging.resolve("index");
        IndexCheck.Result check = IndexCheck.run(index);
        if (!check.clean()) {
            throw new QuarryException(QuarryException.Kind.INVALID, "snapshot", "snapshot " + snapshot.id() + " holds an index"
                    + " that fails Lucene's CheckIndex, so it was not restored: " + String.join("; ", check.problems()));
        }
        return index;
    }

    /** The snapshot's description under its new name; its model must be one this Quarry can run. */
    private static CollectionSpec description(CollectionStore store, Path staging, String name, Snapshot snapshot,
                                              BiFunction<String, String, CollectionSpec> described) {
        Path file = staging.resolve(CollectionStore.FILE);
        if (!Files.isRegularFile(file)) return described.apply(name, snapshot.model());
        try {
            return store.read(file, name);
        } catch (IndexException e) {
            throw new QuarryException(QuarryException.Kind.INVALID, "snapshot", "snapshot " + snapshot.id() + " cannot be"
                    + " restored here: " + e.getMessage(), e);
        }
    }

    /** Judgments and tuning profiles; the description is written by the store, under the collection's name. */
    private static void moveOwnFiles(Path staging, Path folder) throws IOException {
        for (String own : new String[] {"judgments.jsonl", "tuning"}) {
            Path from = staging.resolve(own);
            if (Files.exists(from)) Files.move(from, folder.resolve(own), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
