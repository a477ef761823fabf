package dev.quarry.embed;

/**
 * What an index must record about the model that filled it: vectors from two different models are never
 * comparable, so a mismatch in any of these fields means the index must be rebuilt.
 */
public record ModelInfo(String id, int dimensions, Pooling pooling, String queryPrefix, String passagePrefix,
                        int maxTokens) {

    public ModelInfo {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("model id must not be blank");
        if (dimensions <= 0) throw new IllegalArgumentException("dimensions must be positive, got " + dimensions);
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }
}
