package dev.quarry.text;

/** Start (inclusive) and end (exclusive) character offsets of each token of a text. */
public record TokenSpans(int[] starts, int[] ends) {

    public TokenSpans {
        if (starts.length != ends.length) throw new IllegalArgumentException("starts and ends differ in length");
    }

    public int size() {
        return starts.length;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }
}
