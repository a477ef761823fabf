package dev.quarry.tune;

import java.time.Instant;

/**
 * A person's (or an imported file's) judgment that a document answers a query: {@code grade} above zero is relevant,
 * zero is not. {@code source} says where it came from (import, studio, api).
 */
public record Judgment(String query, String docId, int grade, String who, Instant when, String source) {

    public Judgment {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("a judgment needs a query");
        if (docId == null || docId.isBlank()) throw new IllegalArgumentException("a judgment needs a document id");
        if (grade < 0 || grade > 3) throw new IllegalArgumentException("grade must be in 0..3, got " + grade);
    }

    public boolean relevant() {
        return grade > 0;
    }
}
