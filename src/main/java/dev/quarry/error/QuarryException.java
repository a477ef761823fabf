package dev.quarry.error;

/**
 * A failure a caller can act on, with its kind and, where one input was wrong, the field or option that was. The API
 * maps the kind to an HTTP status and the command line to an exit code, each in one place.
 */
public class QuarryException extends RuntimeException {

    public enum Kind {
        /** The request, an option or the configuration is wrong. */
        INVALID,
        /** No key, or a key that is not valid. */
        UNAUTHORIZED,
        /** The caller may not do this. */
        FORBIDDEN,
        /** What was named does not exist (or is hidden from the caller). */
        NOT_FOUND,
        /** It exists, or is in a state, that forbids the request. */
        CONFLICT,
        /** The request is larger than allowed. */
        TOO_LARGE,
        /** A rate limit is used up for now. */
        TOO_MANY_REQUESTS,
        /** Doing it would take more disk than the collection may use: its limit, not the disk, is the problem. */
        INSUFFICIENT_STORAGE,
        /** The server cannot do it right now (a damaged index, a writer shutting down, an index in use). */
        UNAVAILABLE,
        /** A model deployment answered with an error or could not be reached. */
        UPSTREAM,
        /** A model deployment did not answer in time. */
        UPSTREAM_TIMEOUT,
        /** Quarry itself failed: the log has the details, the caller gets none. */
        INTERNAL
    }

    private final Kind kind;
    private final String field;

    public QuarryException(Kind kind, String field, String message) {
        this(kind, field, message, null);
    }

    public QuarryException(Kind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field, setting or option at fault; null when no single input was. */
    public String field() {
        return field;
    }
}
