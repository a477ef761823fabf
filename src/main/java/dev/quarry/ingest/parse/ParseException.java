package dev.quarry.ingest.parse;

/** A file could not be read as its format; the ingest report shows the message as the reason it was skipped. */
public final class ParseException extends RuntimeException {
    public ParseException(String message) {
        super(message);
    }

    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
