package dev.quarry.ingest;

/** An ingest was asked to stop and did, after committing what it had done; running it again resumes. */
public final class IngestStoppedException extends RuntimeException {
    public IngestStoppedException(String message) {
        super(message);
    }
}
