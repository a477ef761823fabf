package dev.quarry.embed;

import java.util.Map;
import java.util.Optional;

/**
 * Loads the embedding model of a configuration. What a model is may be known before it loads, so that an index
 * can open while it does; tests load small fakes, which say nothing beforehand.
 */
@FunctionalInterface
public interface ModelLoader {

    Embedder load(EmbeddingConfig embedding);

    /** What {@code embedding}'s model will be once loaded, when that is known without loading it. */
    default Optional<ModelInfo> declared(EmbeddingConfig embedding) {
        return Optional.empty();
    }

    /** The configured models: run in-process, or a remote deployment whose key is read from {@code env}. */
    static ModelLoader configured(Map<String, String> env) {
        return new ModelLoader() {
            @Override
            public Embedder load(EmbeddingConfig embedding) {
                return switch (embedding) {
                    case EmbeddingConfig.Onnx onnx -> new OnnxEmbedder(onnx.model(), onnx.batchSize(), onnx.threads());
                    case EmbeddingConfig.Remote remote -> new OpenAiEmbedder(remote, env);
                };
            }

            @Override
            public Optional<ModelInfo> declared(EmbeddingConfig embedding) {
                return embedding.declared();
            }
        };
    }
}
