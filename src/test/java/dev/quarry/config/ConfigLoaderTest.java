package dev.quarry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void defaults_run_the_bundled_model_on_localhost_8080() {
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write("")));
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.chunking().maxTokens()).isEqualTo(256);
        assertThat(config.chunking().overlapTokens()).isEqualTo(32);
        assertThat(((EmbeddingConfig.Onnx) config.embedding()).model().id()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void environment_overrides_the_file() {
        String file = write("server:\n  port: 9000\nchunking:\n  maxTokens: 128\n");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", file, "QUARRY_PORT", "9100", "QUARRY_DATA", "/srv/q"));
        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(config.chunking().maxTokens()).isEqualTo(128);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/q"));
    }

    @Test
    void bad_values_are_refused_with_the_key_named() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessage("server.port must be a whole number (got 'eighty')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_EMBEDDING_MODEL", "gpt-9")))
                .hasMessageContaining("embedding.model is not a bundled model");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("chunking:\n  overlapTokens: 500\n"))))
                .hasMessageStartingWith("chunking.overlapTokens must be in");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", tmp.resolve("missing.yaml").toString())))
                .hasMessageContaining("QUARRY_CONFIG names a file that does not exist");
    }

    private String write(String yaml) {
        try {
            Path file = Files.createTempFile(tmp, "quarry", ".yaml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
