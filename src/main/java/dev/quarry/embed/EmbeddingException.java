package dev.quarry.embed;

/**
 * The embedding model could not be loaded or run. {@code upstream} marks a remote deployment's failure (a 502 to an
 * API caller, 504 when it timed out), as opposed to a local model's.
 */
public final class EmbeddingException extends RuntimeException {

    private final boolean upstream;
    private final boolean timedOut;

    public EmbeddingException(String message, Throwable cause) {
        this(message, false, false, cause);
    }

    public EmbeddingException(String message) {
        this(message, false, false, null);
    }

    private EmbeddingException(String message, boolean upstream, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.upstream = upstream;
        this.timedOut = timedOut;
    }

    static EmbeddingException upstream(String message, boolean timedOut, Throwable cause) {
        return new EmbeddingException(message, true, timedOut, cause);
    }

    public boolean upstream() {
        return upstream;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
