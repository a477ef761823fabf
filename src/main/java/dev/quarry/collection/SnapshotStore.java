package dev.quarry.collection;

import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.PinnedCommit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A collection's snapshots, under {@code <collection>/snapshots/}: one manifest per snapshot ({@code <id>.json}) and
 * a content-addressed store of files ({@code blobs/<sha256>}) that the snapshots share. Index files are written once
 * and never changed, so a file an earlier snapshot holds (same name, size and footer checksum) is not stored again,
 * and a new one is hard-linked where the file system allows; the description, judgments and tuning files change in
 * place, so they are always copied. A file is deleted with the last snapshot that holds it.
 */
final class SnapshotStore {

    static final String FOLDER = "snapshots";
    private static final String BLOBS = "blobs";
    private static final String JSON = ".json";

    private final Path dir;
    private final Path blobs;

    SnapshotStore(Path collectionFolder) {
        this.dir = collectionFolder.resolve(FOLDER);
        this.blobs = dir.resolve(BLOBS);
    }

    /** Stores the pinned commit's files and the collection's own files from {@code collectionFolder} as snapshot {@code id}. */
    synchronized Snapshot add(String id, String collection, Instant created, PinnedCommit commit, Path collectionFolder) {
        try {
            Files.createDirectories(blobs);
            Map<String, Snapshot.SnapshotFile> held = heldIndexFiles();
            List<Snapshot.SnapshotFile> files = new ArrayList<>();
            long added = 0;
            for (PinnedCommit.File f : commit.files()) {
                Snapshot.SnapshotFile known = held.get(indexKey(f.name(), f.size(), f.checksum()));
                if (known != null && Files.exists(blob(known.sha256()))) {
                    files.add(new Snapshot.SnapshotFile(Snapshot.SnapshotFile.INDEX + f.name(), f.size(), known.sha256(), f.checksum()));
                    continue;
                }
                Stored stored = store(commit.folder().resolve(f.name()), true);
                added += stored.added();
                files.add(new Snapshot.SnapshotFile(Snapshot.SnapshotFile.INDEX + f.name(), f.size(), stored.sha256(), f.checksum()));
            }
            for (String path : ownFiles(collectionFolder)) {
                Stored stored = store(collectionFolder.resolve(path), false);
                added += stored.added();
                files.add(new Snapshot.SnapshotFile(path, Files.size(blob(stored.sha256())), stored.sha256(),
                        Snapshot.SnapshotFile.NO_CHECKSUM));
            }
            IndexManifest manifest = IndexManifest.fromMap(commit.userData());
            Snapshot snapshot = new Snapshot(id, collection, created, commit.documents(), commit.chunks(),
                    manifest == null ? "" : manifest.modelId(), commit.userData(), files, added);
            Path tmp = dir.resolve(id + JSON + ".tmp");
            Files.write(tmp, SnapshotManifest.write(snapshot));
            Files.move(tmp, manifestFile(id), StandardCopyOption.ATOMIC_MOVE);
            return snapshot;
        } catch (IOException e) {
            collectGarbage();
            throw new IndexException("cannot store snapshot " + id + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The collection's own files that belong in a snapshot, as paths relative to its folder. */
    private static List<String> ownFiles(Path collectionFolder) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String name : List.of(CollectionStore.FILE, "judgments.jsonl")) {
            if (Files.isRegularFile(collectionFolder.resolve(name))) paths.add(name);
        }
        Path tuning = collectionFolder.resolve("tuning");
        if (Files.isDirectory(tuning)) {
            try (Stream<Path> files = Files.list(tuning)) {
                files.filter(Files::isRegularFile).map(f -> "tuning/" + f.getFileName())
                        .filter(SnapshotManifest::allowedPath).sorted().forEach(paths::add);
            }
        }
        return paths;
    }

    private record Stored(String sha256, long added) {
    }

    /** Puts {@code file} into the blob store; {@code link}: it never changes, so a hard link may stand for a copy. */
    private Stored store(Path file, boolean link) throws IOException {
        Path tmp = blobs.resolve("incoming-" + UUID.randomUUID());
        String sha;
        try {
            if (!link || !linked(file, tmp)) {
                try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(tmp)) {
                    sha = Checksums.copy(in, out).sha256();
                }
            } else {
                sha = Checksums.sha256(tmp);
            }
            Path target = blob(sha);
            if (Files.exists(target)) return new Stored(sha, 0);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(sha, Files.size(target));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Hard-links the new path {@code target} to {@code file}; false where the file system cannot, and the caller copies. */
    static boolean linked(Path file, Path target) {
        try {
            Files.createLink(target, file);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Index files held by any snapshot, by name, size and footer checksum. */
    private Map<String, Snapshot.SnapshotFile> heldIndexFiles() {
        Map<String, Snapshot.SnapshotFile> held = new HashMap<>();
        for (Snapshot s : list()) {
            for (Snapshot.SnapshotFile f : s.files()) {
                if (f.indexFile()) held.put(indexKey(f.path().substring(Snapshot.SnapshotFile.INDEX.length()), f.size(), f.luceneChecksum()), f);
            }
        }
        return held;
    }

    private static String indexKey(String name, long size, long checksum) {
        return name + "/" + size + "/" + checksum;
    }

    /** Every snapshot, oldest first. */
    List<Snapshot> list() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(JSON)).map(this::read)
                    .sorted(Comparator.comparing(Snapshot::created).thenComparing(Snapshot::id)).toList();
        } catch (IOException e) {
            throw new IndexException("cannot list the snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<Snapshot> find(String id) {
        if (!id.matches("[A-Za-z0-9_.-]+")) return Optional.empty();
        Path file = manifestFile(id);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private Snapshot read(Path file) {
        try {
            return SnapshotManifest.read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IndexException("cannot read the snapshot manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a snapshot and every file no other snapshot holds. */
    synchronized void delete(String id) {
        try {
            if (!Files.deleteIfExists(manifestFile(id))) {
                throw new QuarryException(QuarryException.Kind.NOT_FOUND, "id", "no snapshot '" + id + "'");
            }
        } catch (IOException e) {
            throw new IndexException("cannot delete snapshot " + id + ": " + e.getMessage(), e);
        }
        collectGarbage();
    }

    private void collectGarbage() {
        if (!Files.isDirectory(blobs)) return;
        Set<String> referenced = new HashSet<>();
        for (Snapshot s : list()) s.files().forEach(f -> referenced.add(f.sha256()));
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path blob : files.toList()) {
                if (!referenced.contains(blob.getFileName().toString())) Files.deleteIfExists(blob);
            }
        } catch (IOException e) {
            throw new IndexException("cannot clean up the snapshot files in " + blobs + ": " + e.getMessage(), e);
        }
    }

    /** The stored content of a file; fails when it is missing, so a damaged store is reported, not streamed short. */
    InputStream open(Snapshot.SnapshotFile file) throws IOException {
        return Files.newInputStream(blob(file.sha256()));
    }

    Path blob(String sha256) {
        return blobs.resolve(sha256);
    }

    private Path manifestFile(String id) {
        return dir.resolve(id + JSON);
    }
}
