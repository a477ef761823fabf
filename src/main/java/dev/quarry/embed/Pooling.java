package dev.quarry.embed;

/** How token states become one sentence vector. */
public enum Pooling {
    /** The hidden state of the first ([CLS]) token, as BGE models are trained. */
    CLS,
    /** The attention-masked mean of all token states, as sentence-transformers MiniLM models are trained. */
    MEAN,
    /** A remote embeddings API returns pooled vectors. */
    SERVER
}
