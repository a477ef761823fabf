package dev.quarry.collection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of a collection: a pinned index commit and the collection's description, judgments and tuning
 * profiles as they were, each file with its size and SHA-256. {@code addedBytes} is what taking it added to the
 * store: files an earlier snapshot already held are shared, not stored again.
 */
public record Snapshot(String id, String collection, Instant created, int documents, int chunks, String model,
                       Map<String, String> manifest, List<SnapshotFile> files, long addedBytes) {

    public Snapshot {
        manifest = Map.copyOf(manifest);
        files = List.copyOf(files);
    }

    /** The size of all its files, shared or not. */
    public long bytes() {
        return files.stream().mapToLong(SnapshotFile::size).sum();
    }

    /** One file: its path in the snapshot ({@code index/_0.cfs}, {@code collection.json}, {@code tuning/…}). */
    public record SnapshotFile(String path, long size, String sha256, long luceneChecksum) {

        static final String INDEX = "index/";
        /** A file that is not an index file has no Lucene footer. */
        static final long NO_CHECKSUM = -1;

        boolean indexFile() {
            return path.startsWith(INDEX);
        }
    }
}
