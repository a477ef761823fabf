package dev.quarry.embed;

import dev.quarry.error.QuarryException;

/**
 * The embedding model could not be loaded or run. {@code upstream} marks a remote deployment's failure (a 502 to an
 * API caller, 504 when it timed out), as opposed to a local model's.
 */
public final class EmbeddingException extends QuarryException {

    public EmbeddingException(String message, Throwable cause) {
        super(Kind.INTERNAL, null, message, cause);
    }

    public EmbeddingException(String message) {
        super(Kind.INTERNAL, null, message);
    }

    private EmbeddingException(Kind kind, String message, Throwable cause) {
        super(kind, null, message, cause);
    }

    static EmbeddingException upstream(String message, boolean timedOut, Throwable cause) {
        return new EmbeddingException(timedOut ? Kind.UPSTREAM_TIMEOUT : Kind.UPSTREAM, message, cause);
    }

    public boolean upstream() {
        return kind() != Kind.INTERNAL;
    }

    public boolean timedOut() {
        return kind() == Kind.UPSTREAM_TIMEOUT;
    }
}
