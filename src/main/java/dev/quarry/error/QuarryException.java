package dev.quarry.error;

/**
 * A failure a caller can act on, with its kind and, where one input was wrong, the field or option that was. The API
 * maps the kind to an HTTP status and the command line to an exit code, each in one place.
 */
public class QuarryException extends RuntimeException {

    public enum Kind {
        /** The request or the configuration is wrong. */
        INVALID,
        /** What was named does not exist (or is hidden from the caller). */
        NOT_FOUND,
        /** It exists, or is busy, in a way that forbids the request. */
        CONFLICT,
        /** The server cannot do it right now (a damaged index, a writer shutting down). */
        UNAVAILABLE
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
