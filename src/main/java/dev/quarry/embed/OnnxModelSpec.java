package dev.quarry.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX sentence-embedding model and its tokenizer. Locations are either {@code classpath:/name} (a resource
 * inside a model jar) or a file path.
 */
public record OnnxModelSpec(String id, String modelLocation, String tokenizerLocation, Pooling pooling,
                            String queryPrefix, String passagePrefix, int maxTokens) {

    private static final String CLASSPATH = "classpath:";

    /** For a model given by path: sentence-transformers models, the common kind, pool by mean. */
    public static final Pooling DEFAULT_POOLING = Pooling.MEAN;
    public static final int DEFAULT_MAX_TOKENS = 512;

    public OnnxModelSpec {
        if (maxTokens < 8) throw new IllegalArgumentException("maxTokens must be at least 8, got " + maxTokens);
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    byte[] modelBytes() {
        return read(modelLocation);
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

    private static InputStream open(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String name = location.substring(CLASSPATH.length());
                InputStream in = OnnxModelSpec.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name);
                if (in == null) throw new EmbeddingException("model resource " + location + " is not on the classpath");
                return in;
            }
            return Files.newInputStream(Path.of(location));
        } catch (IOException e) {
            throw new EmbeddingException("cannot open " + location + ": " + e.getMessage(), e);
        }
    }
}
