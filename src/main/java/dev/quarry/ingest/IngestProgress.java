package dev.quarry.ingest;

/** Receives progress during an ingest: files done of the total, chunks embedded so far. */
@FunctionalInterface
public interface IngestProgress {

    IngestProgress NONE = (filesDone, filesTotal, chunks) -> { };

    void update(int filesDone, int filesTotal, int chunksEmbedded);
}
