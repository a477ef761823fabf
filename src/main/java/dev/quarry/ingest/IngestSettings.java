package dev.quarry.ingest;

import java.time.Duration;

/**
 * Limits of an ingest: the largest file read, how many chunks go to the embedder at once, how often progress is
 * committed (so an interrupted ingest resumes where it stopped).
 */
public record IngestSettings(long maxFileBytes, int embedBatch, Duration commitInterval) {

    /**
     * 256 chunks per embedding call: the embedder batches chunks of similar length among those it is given, so more
     * chunks pad less; ingesting NPL with 256 ran 2.0 times as fast as with 64 (BENCHMARKS.md, "Ingest pipeline").
     */
    public static final IngestSettings DEFAULT = new IngestSettings(50L * 1024 * 1024, 256, Duration.ofSeconds(30));

    public IngestSettings {
        if (maxFileBytes <= 0) throw new IllegalArgumentException("ingest.maxFileBytes must be positive, got " + maxFileBytes);
        if (embedBatch <= 0) throw new IllegalArgumentException("ingest.embedBatch must be positive, got " + embedBatch);
    }
}
