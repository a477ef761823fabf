package dev.quarry.ingest;

import java.time.Duration;

/**
 * Limits of an ingest: the largest file read, how many chunks go to the embedder at once, how often progress is
 * committed (so an interrupted ingest resumes where it stopped).
 */
public record IngestSettings(long maxFileBytes, int embedBatch, Duration commitInterval) {

    /**
     * 64 chunks per embedding call. 256 pad less and ingested NPL faster (BENCHMARKS.md, "Ingest pipeline"), but the
     * int8 model quantizes activations per batch, so vectors shift with the batch, and the sample corpus's clusters
     * moved (adjusted Rand index 0.75 against 1.0): a larger default waits for that to be measured.
     */
    public static final IngestSettings DEFAULT = new IngestSettings(50L * 1024 * 1024, 64, Duration.ofSeconds(30));

    public IngestSettings {
        if (maxFileBytes <= 0) throw new IllegalArgumentException("ingest.maxFileBytes must be positive, got " + maxFileBytes);
        if (embedBatch <= 0) throw new IllegalArgumentException("ingest.embedBatch must be positive, got " + embedBatch);
    }
}
