package dev.quarry.index;

import dev.quarry.error.QuarryException;

/** The index could not be read or written: it is damaged, missing, in use or on a full disk. */
public final class IndexException extends QuarryException {
    public IndexException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, null, message, cause);
    }

    public IndexException(String message) {
        super(Kind.UNAVAILABLE, null, message);
    }
}
