package dev.quarry.eval;

import dev.quarry.error.QuarryException;

/** An evaluation could not run: a missing or malformed collection file. */
public final class EvalException extends QuarryException {
    public EvalException(String message) {
        super(Kind.INVALID, null, message);
    }

    public EvalException(String message, Throwable cause) {
        super(Kind.INVALID, null, message, cause);
    }
}
