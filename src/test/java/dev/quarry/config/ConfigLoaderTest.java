package dev.quarry.config;

import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.ConfigException;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.VectorFormat;
import dev.quarry.index.solr.SolrSettings;
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
    void an_unknown_top_level_key_is_refused_naming_it_the_key_meant_and_the_keys_allowed() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("searh:\n  queryCacheSize: 5\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("searh is not a known key; did you mean 'search'? (top-level keys: data, collection, server,"
                        + " embedding, chunking, ingest, index, search, chat, compare, collections, snapshots, disk, safety)");
    }

    @Test
    void snapshot_retention_and_the_disk_limit_apply_to_every_collection_unless_one_sets_its_own() {
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write("snapshots:\n  keep: 3\n  maxAgeDays: 30\n"
                + "disk:\n  maxBytesPerCollection: 1_000_000\ncollections:\n  - name: big\n    disk:\n      maxBytes: 5000000\n")));
        assertThat(config.storage("any")).isEqualTo(new StorageSettings(3, java.time.Duration.ofDays(30), 1_000_000));
        assertThat(config.storage("big")).isEqualTo(new StorageSettings(3, java.time.Duration.ofDays(30), 5_000_000));
        assertThat(ConfigLoader.load(Map.of()).storage("any")).isEqualTo(StorageSettings.DEFAULT);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("snapshots:\n  keep: -1\n"))))
                .hasMessageStartingWith("snapshots.keep must be at least 0");
    }

    @Test
    void an_unknown_nested_key_is_refused_with_its_full_path_and_the_close_match() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("chunking:\n  maxToken: 128\n"))))
                .hasMessage("chunking.maxToken is not a known key; did you mean 'maxTokens'? (keys under chunking: maxTokens,"
                        + " overlapTokens, headingContext)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("search:\n  fusion:\n    color: red\n"))))
                .hasMessage("search.fusion.color is not a known key (keys under search.fusion: method, vectorWeight, k)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("chunking:\n  maxToken:\n"))))
                .as("a key with no value is still a key").hasMessageStartingWith("chunking.maxToken is not a known key");
    }

    @Test
    void a_misspelt_key_inside_a_chat_deployment_is_named_by_the_deployment() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(deployment("timeoutSecond: 30")))))
                .hasMessageStartingWith("chat.deployments.local.timeoutSecond is not a known key; did you mean 'timeoutSeconds'?"
                        + " (keys under chat.deployments: name, kind, endpoint");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_naming_key_value_and_what_is_allowed() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(deployment("timeoutSeconds: sixty")))))
                .hasMessage("chat.deployments.local.timeoutSeconds must be a whole number (got 'sixty')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("server:\n  port: [8080, 8081]\n"))))
                .hasMessage("server.port must be a single value, not a list (got '[8080,8081]')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("chunking:\n  maxTokens: 1.5\n"))))
                .hasMessage("chunking.maxTokens must be a whole number (got '1.5')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("ingest:\n  maxFileBytes: -5\n"))))
                .hasMessage("ingest.maxFileBytes must be at least 1 (got '-5')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("chunking: 256\n"))))
                .hasMessage("chunking must be a mapping with the keys maxTokens, overlapTokens, headingContext (got '256')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_FUSION_VECTOR_WEIGHT", "heavy")))
                .hasMessage("search.fusion.vectorWeight must be a number in 0.0..1.0 (got 'heavy')");
    }

    @Test
    void a_file_that_is_not_yaml_or_repeats_a_key_is_one_line_saying_where() {
        String file = write("chunking:\n  maxTokens: 12\n overlap: [1\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " is not valid YAML: expected <block end>, but found '<block mapping start>' at line 3, column 2");
        String twice = write("server:\n  port: 9000\n  port: 9001\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", twice)))
                .hasMessageStartingWith(twice + " is not valid YAML: Duplicate field 'port'").hasMessageContaining("line 3");
    }

    @Test
    void numbers_may_be_written_as_text_with_digit_groups() {
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write("ingest:\n  maxFileBytes: \"1_048_576\"\n"),
                "QUARRY_INGEST_COMMIT_SECONDS", " 5 "));
        assertThat(config.ingest().maxFileBytes()).isEqualTo(1_048_576);
        assertThat(config.ingest().commitInterval()).hasSeconds(5);
    }

    @Test
    void a_bad_enum_name_lists_the_allowed_names_wherever_it_is_written() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("search:\n  fusion:\n    method: wieghted\n"))))
                .hasMessage("search.fusion.method must be one of rrf, weighted, adaptive, distribution (got 'wieghted'; did you mean 'weighted'?)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_EMBEDDING_PROVIDER", "cohere")))
                .hasMessage("embedding.provider must be one of onnx, azure, openai (got 'cohere')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(deployment("kind: Azur")))))
                .hasMessage("chat.deployments.local.kind must be one of azure, openai (got 'Azur'; did you mean 'azure'?)");
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_FUSION", "RRF")).fusion().method())
                .isEqualTo(dev.quarry.search.FusionSettings.Method.RRF);
    }

    @Test
    void vectors_are_float_unless_index_vectors_says_int7_in_the_file_or_the_environment() {
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""))).hnsw().vectors()).isEqualTo(VectorFormat.FLOAT);
        QuarryConfig fromFile = ConfigLoader.load(Map.of("QUARRY_CONFIG", write("index:\n  hnsw: {m: 8}\n  vectors: int7\n")));
        assertThat(fromFile.hnsw()).isEqualTo(new HnswSettings(8, 100, 100, VectorFormat.INT7));
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_INDEX_VECTORS", "INT7")).hnsw().vectors())
                .isEqualTo(VectorFormat.INT7);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("index:\n  vectors: int8\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("index.vectors must be one of float, int7 (got 'int8'; did you mean 'int7'?)");
    }

    @Test
    void a_misspelt_quarry_environment_variable_is_refused_with_the_one_meant() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_PROT", "9000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable QUARRY_PROT is not one Quarry reads; did you mean QUARRY_PORT?"
                        + " (Quarry reads QUARRY_AOT, QUARRY_API_KEYS, QUARRY_CHUNK_HEADING_CONTEXT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write(""), "QUARRY_FOO", "1")))
                .hasMessageStartingWith("environment variable QUARRY_FOO is not one Quarry reads (Quarry reads QUARRY_AOT, QUARRY_API_KEYS,");
    }

    @Test
    void variables_of_the_scripts_and_secrets_named_by_settings_are_not_typos() {
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write(deployment("apiKeyEnv: QUARRY_LOCAL_LLM_KEY")),
                "QUARRY_LOCAL_LLM_KEY", "secret", "QUARRY_HOME", "/opt/quarry", "QUARRY_JAVA_OPTS", "-Xmx2g",
                "QUARRY_LOG_LEVEL", "DEBUG", "QUARRY_TLS_PASSWORD", "x", "QUARRY_JVM_FLAGS", "", "QUARRY_HEAP", "2g",
                "PATH", "/usr/bin"));
        assertThat(config.chatDeployments()).hasSize(1);
    }

    @Test
    void every_setting_the_loader_reads_is_one_the_key_check_allows() {
        String everything = """
                data: d
                collection: c
                server: {host: 127.0.0.1, port: 1, apiKeys: [], maxBodyBytes: 2048, shutdownGraceSeconds: 1,
                         requestsPerMinute: {reader: 1, writer: 1, admin: 1}}
                embedding: {model: m, batchSize: 1, threads: 1,
                            onnx: {path: p, tokenizer: t, pooling: cls, queryPrefix: q, passagePrefix: p, maxTokens: 64}}
                chunking: {maxTokens: 64, overlapTokens: 8, headingContext: false}
                ingest: {maxFileBytes: 1, embedBatch: 1, commitSeconds: 1, roots: [a, b]}
                index: {hnsw: {m: 8, beamWidth: 50}, vectors: int7}
                search: {vectorCandidates: 10, queryCacheSize: 0, fusion: {method: rrf, vectorWeight: 0.3, k: 10}}
                """ + deployment("apiKeyEnv: K\n    apiVersion: v\n    timeoutSeconds: 5\n    maxRetries: 1\n    tokensPerMinute: 9")
                + "compare:\n  collections:\n    - {name: other, model: all-minilm-l6-v2}\n"
                + "collections:\n  - {name: big, backend: solr, solr: {urls: ['http://s1:8983/solr'], shards: 2, replicas: 2,"
                + " userEnv: U, passwordEnv: P, timeoutSeconds: 9}}\n";
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", write(everything), "U", "u", "P", "p"));
        assertThat(config.chunking().maxTokens()).isEqualTo(64);
        assertThat(config.chatDeployments().getFirst().timeout()).hasSeconds(5);
        assertThat(config.compare()).hasSize(1);
        String remote = "embedding: {provider: openai, endpoint: 'http://127.0.0.1:1/v1', model: m, apiKeyEnv: K, apiVersion: v,"
                + " dimensions: 8, batchSize: 1, maxTokens: 100, timeoutSeconds: 1, maxRetries: 0}\n";
        assertThat(ConfigLoader.load(Map.of("QUARRY_CONFIG", write(remote))).embedding()).isInstanceOf(EmbeddingConfig.Remote.class);
    }

    @Test
    void a_collection_may_live_in_solr_with_its_credentials_from_the_environment() {
        String file = write("""
                collections:
                  - name: big
                    backend: solr
                    solr: {urls: 'http://s1:8983/solr, http://s2:8983/solr', shards: 4, replicas: 2,
                           userEnv: QUARRY_SOLR_USER, passwordEnv: QUARRY_SOLR_PASSWORD}
                  - {name: small, backend: lucene}
                """);
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", file, "QUARRY_SOLR_USER", "quarry",
                "QUARRY_SOLR_PASSWORD", "s3cret"));

        SolrSettings solr = ((IndexBackend.Solr) config.backend("big")).settings();
        assertThat(solr.urls()).containsExactly("http://s1:8983/solr", "http://s2:8983/solr");
        assertThat(solr.shards()).isEqualTo(4);
        assertThat(solr.replicas()).isEqualTo(2);
        assertThat(solr.username()).isEqualTo("quarry");
        assertThat(solr.password()).isEqualTo("s3cret");
        assertThat(solr.timeout()).isEqualTo(SolrSettings.DEFAULT_TIMEOUT);
        assertThat(config.backend("small")).isEqualTo(IndexBackend.LUCENE);
        assertThat(config.backend("default")).isEqualTo(IndexBackend.LUCENE);
        assertThat(config.describe()).contains("http://s2:8983/solr").doesNotContain("s3cret");
    }

    @Test
    void a_solr_collection_without_nodes_an_unknown_backend_or_an_unset_secret_is_refused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("collections:\n  - {name: big, backend: solr}\n"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("collections.big.solr").hasMessageContaining("solr.urls");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("collections:\n  - {name: big, backend: elastic}\n"))))
                .hasMessageContaining("collections.big.backend").hasMessageContaining("lucene or solr");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("QUARRY_CONFIG", write("collections:\n  - {name: big, backend: solr,"
                + " solr: {urls: 'http://s:8983/solr', passwordEnv: QUARRY_SOLR_PASSWORD}}\n"))))
                .hasMessageContaining("collections.big.solr.passwordEnv").hasMessageContaining("QUARRY_SOLR_PASSWORD");
    }

    /** quarry.yaml with one OpenAI-compatible chat deployment named local, plus {@code extra} as one of its keys. */
    private static String deployment(String extra) {
        return "chat:\n  deployments:\n  - name: local\n    endpoint: http://127.0.0.1:11434/v1\n    model: llama3\n    "
                + extra + "\n";
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
