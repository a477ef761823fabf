package dev.quarry.chat;

/**
 * The receiver of a streamed answer is gone (the client closed its connection). Thrown from the token consumer, it
 * ends the generation and the upstream stream; it is a normal end, not a deployment's failure.
 */
public final class AnswerAbandonedException extends RuntimeException {
    public AnswerAbandonedException(Throwable cause) {
        super("the client stopped listening to the answer", cause);
    }
}
