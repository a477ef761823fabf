package dev.quarry.chunk;

/**
 * How documents are cut: at most {@code maxTokens} model tokens per chunk, {@code overlapTokens} repeated from the
 * previous chunk, and, with {@code headingContext}, the title and heading path put before the text that is embedded.
 */
public record ChunkSettings(int maxTokens, int overlapTokens, boolean headingContext) {

    public static final ChunkSettings DEFAULT = new ChunkSettings(256, 32, true);

    public ChunkSettings {
        if (maxTokens < 16) throw new IllegalArgumentException("chunking.maxTokens must be at least 16, got " + maxTokens);
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("chunking.overlapTokens must be in [0, maxTokens/2), got " + overlapTokens);
        }
    }
}
