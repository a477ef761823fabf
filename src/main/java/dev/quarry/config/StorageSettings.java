package dev.quarry.config;

import java.time.Duration;

/**
 * A collection's disk: how many snapshots it keeps and for how long (applied after each new snapshot), and the bytes
 * it may take in all (live index, kept generations, snapshots), beyond which ingests are refused. 0 means no limit.
 */
public record StorageSettings(int keepSnapshots, Duration maxSnapshotAge, long maxBytes) {

    public static final StorageSettings DEFAULT = new StorageSettings(10, Duration.ZERO, 0);

    public StorageSettings {
        if (keepSnapshots < 0) throw new IllegalArgumentException("snapshots.keep must not be negative");
        if (maxSnapshotAge.isNegative()) throw new IllegalArgumentException("snapshots.maxAgeDays must not be negative");
        if (maxBytes < 0) throw new IllegalArgumentException("disk.maxBytesPerCollection must not be negative");
    }

    @Override
    public String toString() {
        return "keep " + (keepSnapshots == 0 ? "all" : keepSnapshots) + " snapshots"
                + (maxSnapshotAge.isZero() ? "" : " of at most " + maxSnapshotAge.toDays() + " days")
                + ", disk " + (maxBytes == 0 ? "unlimited" : "at most " + maxBytes + " bytes");
    }
}
