package dev.quarry.chat;

import dev.quarry.index.ChunkFilter;
import dev.quarry.search.TuningChoice;
import java.util.List;

/**
 * A question in a conversation: the messages so far (the last from the user), how many chunks to read, a filter on
 * them, {@code strictness}: the cosine similarity the best source must reach before Quarry answers at all, and which
 * tuning profile the search for sources uses.
 */
public record ChatQuery(List<ChatMessage> messages, int k, ChunkFilter filter, double strictness, TuningChoice tuning) {

    public static final double DEFAULT_STRICTNESS = 0.55;

    public ChatQuery {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || !messages.getLast().role().equals("user")) {
            throw new IllegalArgumentException("messages must end with a user message");
        }
        if (k < 1 || k > 50) throw new IllegalArgumentException("k must be in 1..50, got " + k);
        if (!(strictness >= 0 && strictness <= 1)) throw new IllegalArgumentException("strictness must be in 0..1, got " + strictness);
        if (filter == null) filter = ChunkFilter.NONE;
        if (tuning == null) tuning = TuningChoice.ACTIVE;
    }

    /** A question searched with the collection's active tuning. */
    public ChatQuery(List<ChatMessage> messages, int k, ChunkFilter filter, double strictness) {
        this(messages, k, filter, strictness, TuningChoice.ACTIVE);
    }

    public String question() {
        return messages.getLast().content();
    }
}
