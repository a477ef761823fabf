package dev.quarry.embed;

import dev.quarry.error.ConfigException;
import dev.quarry.openai.ApiKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Which embedding model Quarry runs, and how; one implementation per kind of embedder. */
public sealed interface EmbeddingConfig permits EmbeddingConfig.Onnx, EmbeddingConfig.Remote {

    /** The model's id, as a collection's description and the index record it. */
    String modelId();

    /**
     * What the model is, as far as the configuration says without loading it: empty when only loading tells (the
     * dimensions of an ONNX model given by path). An index opens with it while the model loads.
     */
    Optional<ModelInfo> declared();

    /** A model run in-process on ONNX Runtime. */
    record Onnx(OnnxModelSpec model, int batchSize, int threads) implements EmbeddingConfig {

        public static final int DEFAULT_BATCH_SIZE = 32;

        /** One ONNX Runtime thread per core: embedding is the cost everything else hides behind. */
        public static int defaultThreads() {
            return Runtime.getRuntime().availableProcessors();
        }

        /** {@code model} with the default batch size and threads. */
        public static Onnx of(OnnxModelSpec model) {
            return new Onnx(model, DEFAULT_BATCH_SIZE, defaultThreads());
        }

        /**
         * A bundled {@code model} run in-process with the batch size and threads of the {@code configured} embedder,
         * or the defaults when that one is remote (it lends nothing to an in-process model).
         */
        public static Onnx like(EmbeddingConfig configured, OnnxModelSpec model) {
            return configured instanceof Onnx onnx ? new Onnx(model, onnx.batchSize(), onnx.threads()) : of(model);
        }

        @Override
        public String modelId() {
            return model.id();
        }

        @Override
        public Optional<ModelInfo> declared() {
            return model.declared();
        }

        public Onnx {
            if (batchSize <= 0) throw new ConfigException("embedding.batchSize", Integer.toString(batchSize), "must be positive");
            if (threads <= 0) throw new ConfigException("embedding.threads", Integer.toString(threads), "must be positive");
        }
    }

    /**
     * An embeddings deployment on Azure OpenAI or an OpenAI-compatible server. {@code dimensions} is configured, not
     * probed, so that opening an index never needs the network.
     */
    record Remote(ApiKind kind, String endpoint, String model, String apiKeyEnv, String apiVersion,
                  int dimensions, int batchSize, int maxTokens, Duration timeout, int maxRetries) implements EmbeddingConfig {

        public static final int DEFAULT_BATCH_SIZE = 64;
        /** The input limit of OpenAI's text-embedding-3 models. */
        public static final int DEFAULT_MAX_TOKENS = 8191;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        public static final int DEFAULT_MAX_RETRIES = 8;

        @Override
        public String modelId() {
            return model;
        }

        @Override
        public Optional<ModelInfo> declared() {
            return Optional.of(new ModelInfo(kind.name().toLowerCase(Locale.ROOT) + ":" + model, dimensions, Pooling.SERVER,
                    "", "", maxTokens));
        }

        public Remote {
            if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                throw new ConfigException("embedding.endpoint", String.valueOf(endpoint), "must be an http(s) URL");
            }
            if (model == null || model.isBlank()) throw new ConfigException("embedding.model", String.valueOf(model), "is required");
            if (kind == ApiKind.AZURE && (apiVersion == null || apiVersion.isBlank())) {
                throw new ConfigException("embedding.apiVersion", String.valueOf(apiVersion), "is required for Azure OpenAI");
            }
            if (dimensions <= 0) throw new ConfigException("embedding.dimensions", Integer.toString(dimensions), "must be set to the model's vector size");
            if (batchSize <= 0 || batchSize > 2048) throw new ConfigException("embedding.batchSize", Integer.toString(batchSize), "must be in 1..2048");
            if (maxTokens < 16) throw new ConfigException("embedding.maxTokens", Integer.toString(maxTokens), "must be at least 16");
            if (maxRetries < 0 || maxRetries > 20) throw new ConfigException("embedding.maxRetries", Integer.toString(maxRetries), "must be in 0..20");
        }
    }
}
