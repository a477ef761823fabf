package dev.quarry.eval;

/** An evaluation could not run: a missing or malformed collection file. */
public final class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
