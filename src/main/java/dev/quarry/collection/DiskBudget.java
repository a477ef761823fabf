package dev.quarry.collection;

import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexLocation;
import dev.quarry.ingest.IngestAdmission;
import java.nio.file.Path;

/**
 * A collection's disk limit: an ingest is refused before it writes when the collection's disk use and the files it
 * would add come to more than the limit. A new file is counted at its own size; the index usually takes less than
 * the documents it was made from, and its snapshots then share the files, so the estimate errs towards refusing.
 */
final class DiskBudget implements IngestAdmission {

    private final String collection;
    private final Path folder;
    private final IndexLocation location;
    private final long maxBytes;

    DiskBudget(String collection, Path dataDir, long maxBytes) {
        this.collection = collection;
        this.folder = dataDir.resolve(collection);
        this.location = new IndexLocation(dataDir, collection);
        this.maxBytes = maxBytes;
    }

    DiskUse use() {
        return DiskUse.of(folder, location.current());
    }

    boolean limited() {
        return maxBytes > 0;
    }

    @Override
    public void admit(long newBytes) {
        if (!limited()) return;
        DiskUse use = use();
        if (use.total() + newBytes <= maxBytes) return;
        throw new QuarryException(QuarryException.Kind.INSUFFICIENT_STORAGE, null, "collection '" + collection + "' would"
                + " take about " + (use.total() + newBytes) + " bytes on disk with this ingest, over its limit of " + maxBytes
                + " bytes: it takes " + use.total() + " now (index " + use.index() + ", other generations " + use.generations()
                + ", snapshots " + use.snapshots() + ") and the ingest adds " + newBytes + " bytes of new files. Nothing was"
                + " written. Delete snapshots or documents, or raise disk.maxBytesPerCollection (or the collection's disk.maxBytes)");
    }
}
