package dev.quarry.config;

import dev.quarry.embed.OnnxModelSpec;

/** Which embedding model Quarry runs, and how; one implementation per kind of embedder. */
public sealed interface EmbeddingConfig permits EmbeddingConfig.Onnx {

    /** A model run in-process on ONNX Runtime. */
    record Onnx(OnnxModelSpec model, int batchSize, int threads) implements EmbeddingConfig {
        public Onnx {
            if (batchSize <= 0) throw new ConfigException("embedding.batchSize", Integer.toString(batchSize), "must be positive");
            if (threads <= 0) throw new ConfigException("embedding.threads", Integer.toString(threads), "must be positive");
        }
    }
}
