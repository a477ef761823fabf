package dev.quarry.embed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An ONNX sentence-embedding model and its tokenizer. Locations are either {@code classpath:/name} (a resource
 * inside a model jar) or a file path. {@code dimensions} is the vector size the model is known to give, 0 when
 * it is learned from the model once loaded.
 */
public record OnnxModelSpec(String id, String modelLocation, String tokenizerLocation, Pooling pooling,
                            String queryPrefix, String passagePrefix, int maxTokens, int dimensions) {

    private static final String CLASSPATH = "classpath:";

    /** For a model given by path: sentence-transformers models, the common kind, pool by mean. */
    public static final Pooling DEFAULT_POOLING = Pooling.MEAN;
    public static final int DEFAULT_MAX_TOKENS = 512;

    public OnnxModelSpec {
        if (maxTokens < 8) throw new IllegalArgumentException("maxTokens must be at least 8, got " + maxTokens);
        if (dimensions < 0) throw new IllegalArgumentException("dimensions must not be negative, got " + dimensions);
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** A model whose vector size is learned when it loads: one given by path. */
    public OnnxModelSpec(String id, String modelLocation, String tokenizerLocation, Pooling pooling,
                         String queryPrefix, String passagePrefix, int maxTokens) {
        this(id, modelLocation, tokenizerLocation, pooling, queryPrefix, passagePrefix, maxTokens, 0);
    }

    /** What the model is, known before it loads when its dimensions are. */
    Optional<ModelInfo> declared() {
        return dimensions == 0 ? Optional.empty() : Optional.of(info(dimensions));
    }

    ModelInfo info(int dimensions) {
        return new ModelInfo(id, dimensions, pooling, queryPrefix, passagePrefix, maxTokens);
    }

    byte[] modelBytes() {
        return read(modelLocation);
    }

    /**
     * The model as a file ONNX Runtime can read itself: the configured file, or the unpacked copy of a bundled one;
     * empty when there is neither, and the bytes must do.
     */
    Optional<Path> modelFile(UnpackedFiles unpacked) {
        if (!modelLocation.startsWith(CLASSPATH)) {
            Path file = Path.of(modelLocation);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        URL resource = OnnxModelSpec.class.getResource(resourceName(modelLocation));
        return resource == null ? Optional.empty() : unpacked.file(resource);
    }

    InputStream openTokenizer() {
        return open(tokenizerLocation);
    }

    private static byte[] read(String location) {
        try (InputStream in = open(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static String resourceName(String location) {
        String name = location.substring(CLASSPATH.length());
        return name.startsWith("/") ? name : "/" + name;
    }

    private static InputStream open(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                InputStream in = OnnxModelSpec.class.getResourceAsStream(resourceName(location));
                if (in == null) throw new EmbeddingException("model resource " + location + " is not on the classpath");
                return in;
            }
            return Files.newInputStream(Path.of(location));
        } catch (IOException e) {
            throw new EmbeddingException("cannot open " + location + ": " + e.getMessage(), e);
        }
    }
}
