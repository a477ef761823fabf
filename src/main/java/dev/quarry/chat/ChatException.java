package dev.quarry.chat;

/**
 * A chat deployment failed: {@code timedOut} distinguishes a timeout (504) from an error answer or a broken
 * connection (502). The message names the deployment and never contains the key.
 */
public final class ChatException extends RuntimeException {

    private final boolean timedOut;

    public ChatException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
