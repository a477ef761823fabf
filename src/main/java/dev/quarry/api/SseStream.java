package dev.quarry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.AnswerAbandonedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events to one client. A write that fails means the client left: the stream closes, the sender hears
 * {@link AnswerAbandonedException} once so it can stop generating, and later events are dropped.
 */
final class SseStream {

    private final OutputStream out;
    private final ObjectMapper json;
    private boolean closed;

    SseStream(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Sends one event; {@code name} is a fixed event name, {@code data} is written as one line of JSON. */
    void send(String name, Object data) {
        if (closed) throw new AnswerAbandonedException(null);
        String event;
        try {
            event = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw new AnswerAbandonedException(e);
        }
    }

    /** Sends a last event if the client is still there, and never throws for a client that left. */
    void sendIfOpen(String name, Object data) {
        try {
            if (!closed) send(name, data);
        } catch (AnswerAbandonedException ignored) {
            // Nobody is listening any more.
        }
    }
}
