package dev.quarry.chunk;

/**
 * A piece of a document's text: {@code text} is exactly {@code documentText.substring(start, end)};
 * {@code embedText} is what the model sees (the text, with heading context when enabled); {@code page} is the
 * page it is on in paged formats, else 0.
 */
public record Chunk(int ordinal, int start, int end, String text, String section, String embedText, int page) {

    public Chunk(int ordinal, int start, int end, String text, String section, String embedText) {
        this(ordinal, start, end, text, section, embedText, 0);
    }
}
