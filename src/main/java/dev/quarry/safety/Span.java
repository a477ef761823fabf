package dev.quarry.safety;

/** A character range {@code [start, end)} of a text. */
public record Span(int start, int end) {
}
