package dev.quarry.chat;

import dev.quarry.error.QuarryException;

/**
 * A chat deployment failed: {@code timedOut} distinguishes a timeout (504) from an error answer or a broken
 * connection (502). The message names the deployment and never contains the key.
 */
public final class ChatException extends QuarryException {

    public ChatException(String message, boolean timedOut, Throwable cause) {
        super(timedOut ? Kind.UPSTREAM_TIMEOUT : Kind.UPSTREAM, "deployment", message, cause);
    }

    public boolean timedOut() {
        return kind() == Kind.UPSTREAM_TIMEOUT;
    }
}
