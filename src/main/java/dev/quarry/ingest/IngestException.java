package dev.quarry.ingest;

import dev.quarry.error.QuarryException;

/** An ingest could not run at all (as opposed to a file it skipped): a folder that is missing, or not one. */
public final class IngestException extends QuarryException {
    public IngestException(String message) {
        super(Kind.INVALID, "folder", message);
    }

    public IngestException(String message, Throwable cause) {
        super(Kind.INVALID, "folder", message, cause);
    }

    private IngestException(Kind kind, String message, Throwable cause) {
        super(kind, null, message, cause);
    }

    /** No more writes are taken: the server is stopping. */
    static IngestException stopping(Throwable cause) {
        return new IngestException(Kind.UNAVAILABLE, "the server is stopping: no new writes are accepted", cause);
    }
}
