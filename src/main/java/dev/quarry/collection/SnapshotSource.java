package dev.quarry.collection;

import java.io.InputStream;
import java.nio.file.Path;

/** What a restore reads: a snapshot kept by a collection, or an archive downloaded from one (here or elsewhere). */
public sealed interface SnapshotSource {

    /** Writes the snapshot's files into {@code staging}, each checked against its SHA-256; refuses a damaged or foreign one. */
    Snapshot stage(Path staging);

    record Stored(Snapshots snapshots, String id) implements SnapshotSource {
        @Override
        public Snapshot stage(Path staging) {
            return snapshots.stage(id, staging);
        }
    }

    /** A tar stream as written by a download; read once. */
    record Archive(InputStream in) implements SnapshotSource {
        @Override
        public Snapshot stage(Path staging) {
            return SnapshotArchive.unpack(in, staging);
        }
    }
}
