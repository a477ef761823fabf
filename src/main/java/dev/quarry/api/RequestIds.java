package dev.quarry.api;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: a client's own {@code X-Request-Id} is kept when it is a short token, so ids can be followed across
 * services; anything else (too long, or with characters that could forge log lines or headers) is replaced.
 */
final class RequestIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    static String accept(String fromClient) {
        return fromClient != null && SAFE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }
}
