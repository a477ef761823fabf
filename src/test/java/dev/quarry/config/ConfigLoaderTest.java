package dev.quarry.config;

import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.ConfigException;
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

    @Test
    void api_keys_come_from_the_environment_and_are_never_shown() {
        String secret = "reader-secret-0123456789";
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write("server:\n  requestsPerMinute:\n    reader: 60\n"),
                "QUARRY_API_KEYS", "reader:" + secret + ",admin:admin-secret-0123456789", "QUARRY_HOST", "0.0.0.0"));
        assertThat(config.server().apiKeys().size()).isEqualTo(2);
        assertThat(config.server().apiKeys().authenticate(secret)).isPresent();
        assertThat(config.server().limits().requestsPerMinute()).containsEntry(dev.quarry.security.Role.READER, 60);
        assertThat(config.describe()).doesNotContain(secret).contains("apiKeys=2");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_API_KEYS", "root:" + secret)))
                .hasMessageContaining("QUARRY_API_KEYS").hasMessageNotContaining(secret);
    }

    @Test
    void binding_beyond_loopback_without_keys_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_HOST", "0.0.0.0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.host").hasMessageContaining("QUARRY_API_KEYS");
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_HOST", "localhost")).server().apiKeys().required()).isFalse();
    }

    @Test
    void a_host_name_is_judged_by_the_address_it_resolves_to() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_HOST", "127.example.invalid")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.host").hasMessageContaining("127.example.invalid");
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_HOST", "127.0.0.2")).server().host()).isEqualTo("127.0.0.2");
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_HOST", "[::1]")).server().host()).isEqualTo("[::1]");
    }

    @Test
    void tls_needs_its_password_in_the_named_variable() throws Exception {
        String keystore = keystore("changeit-secret");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_TLS_KEYSTORE", keystore)))
                .hasMessageContaining("QUARRY_TLS_PASSWORD");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_TLS_KEYSTORE", keystore,
                "QUARRY_TLS_PASSWORD", "changeit-secret"));
        assertThat(config.server().tls().keystore()).isEqualTo(Path.of(keystore));
        assertThat(config.describe()).doesNotContain("changeit-secret");
    }

    @Test
    void a_wrong_keystore_password_or_file_is_one_line_naming_the_setting() throws Exception {
        String keystore = keystore("right-password");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_TLS_KEYSTORE", keystore,
                "QUARRY_TLS_PASSWORD", "wrong-password")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.tls.passwordEnv")
                .hasMessageContaining("does not open the keystore").hasMessageNotContaining("wrong-password");
        String junk = write("not really a keystore");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_TLS_KEYSTORE", junk,
                "QUARRY_TLS_PASSWORD", "x")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.tls.keystore");
    }

    /** An empty PKCS#12 keystore: enough for the password check, which needs no certificate. */
    private String keystore(String password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = Files.createTempFile(tmp, "keystore", ".p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file.toString();
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
