package dev.quarry.ingest;

/** An ingest could not run at all (as opposed to a file it skipped). */
public final class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
