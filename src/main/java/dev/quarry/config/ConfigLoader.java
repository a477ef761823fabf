package dev.quarry.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.OnnxModelSpec;
import dev.quarry.embed.Pooling;
import dev.quarry.error.Choices;
import dev.quarry.error.ConfigException;
import dev.quarry.index.HnswSettings;
import dev.quarry.ingest.IngestSettings;
import dev.quarry.openai.ApiKind;
import dev.quarry.search.FusionSettings;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the configuration: defaults, then an optional YAML file ({@code quarry.yaml} in the working folder, or the
 * file named by {@code QUARRY_CONFIG}), then environment variables, which win. Every value is validated here, with
 * a message naming its key.
 */
public final class ConfigLoader {

    /** Environment variables and the YAML keys they override. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("QUARRY_DATA", "data"),
            Map.entry("QUARRY_COLLECTION", "collection"),
            Map.entry("QUARRY_HOST", "server.host"),
            Map.entry("QUARRY_PORT", "server.port"),
            Map.entry("QUARRY_API_KEYS", "server.apiKeys"),
            Map.entry("QUARRY_TLS_KEYSTORE", "server.tls.keystore"),
            Map.entry("QUARRY_MAX_BODY_BYTES", "server.maxBodyBytes"),
            Map.entry("QUARRY_EMBEDDING_MODEL", "embedding.model"),
            Map.entry("QUARRY_EMBEDDING_PROVIDER", "embedding.provider"),
            Map.entry("QUARRY_EMBEDDING_ENDPOINT", "embedding.endpoint"),
            Map.entry("QUARRY_EMBEDDING_DIMENSIONS", "embedding.dimensions"),
            Map.entry("QUARRY_EMBEDDING_BATCH_SIZE", "embedding.batchSize"),
            Map.entry("QUARRY_EMBEDDING_THREADS", "embedding.threads"),
            Map.entry("QUARRY_CHUNK_MAX_TOKENS", "chunking.maxTokens"),
            Map.entry("QUARRY_CHUNK_OVERLAP_TOKENS", "chunking.overlapTokens"),
            Map.entry("QUARRY_CHUNK_HEADING_CONTEXT", "chunking.headingContext"),
            Map.entry("QUARRY_INGEST_MAX_FILE_BYTES", "ingest.maxFileBytes"),
            Map.entry("QUARRY_INGEST_ROOTS", "ingest.roots"),
            Map.entry("QUARRY_INGEST_COMMIT_SECONDS", "ingest.commitSeconds"),
            Map.entry("QUARRY_QUERY_CACHE_SIZE", "search.queryCacheSize"),
            Map.entry("QUARRY_FUSION", "search.fusion.method"),
            Map.entry("QUARRY_FUSION_VECTOR_WEIGHT", "search.fusion.vectorWeight"),
            Map.entry("QUARRY_VECTOR_CANDIDATES", "search.vectorCandidates"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static QuarryConfig load(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault("QUARRY_CONFIG", "quarry.yaml"));
        if (env.containsKey("QUARRY_CONFIG") && !Files.exists(file)) {
            throw new ConfigException("QUARRY_CONFIG", file.toString(), "names a file that does not exist");
        }
        return fromTree(merge(readYaml(file), env), env);
    }

    static ObjectNode readYaml(Path file) {
        if (!Files.exists(file)) return YAML.createObjectNode();
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) return YAML.createObjectNode();
            if (!node.isObject()) throw new ConfigException(file + " must hold a YAML mapping", null);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode merge(ObjectNode tree, Map<String, String> env) {
        ENVIRONMENT.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value == null) return;
            String[] parts = key.split("\\.");
            ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.put(parts[parts.length - 1], value);
        });
        return tree;
    }

    static QuarryConfig fromTree(JsonNode root) {
        return fromTree(root, Map.of());
    }

    static QuarryConfig fromTree(JsonNode root, Map<String, String> env) {
        Values v = new Values(root);
        ServerConfig server = server(v, env);
        ChunkSettings chunking = v.build("chunking", () -> new ChunkSettings(v.integer("chunking.maxTokens", 256),
                v.integer("chunking.overlapTokens", 32), v.bool("chunking.headingContext", true)));
        IngestSettings ingest = v.build("ingest", () -> new IngestSettings(
                v.longValue("ingest.maxFileBytes", IngestSettings.DEFAULT.maxFileBytes()),
                v.integer("ingest.embedBatch", IngestSettings.DEFAULT.embedBatch()),
                Duration.ofSeconds(v.integer("ingest.commitSeconds", 30))));
        HnswSettings hnsw = v.build("index.hnsw", () -> new HnswSettings(v.integer("index.hnsw.m", HnswSettings.DEFAULT.m()),
                v.integer("index.hnsw.beamWidth", HnswSettings.DEFAULT.beamWidth()),
                v.integer("search.vectorCandidates", HnswSettings.DEFAULT.searchCandidates())));
        return new QuarryConfig(Path.of(v.text("data", "data")), collection(v.text("collection", "default")), server,
                embedding(v), chunking, ingest, v.paths("ingest.roots"), hnsw, fusion(v),
                v.integer("search.queryCacheSize", 10_000), chatDeployments(root.path("chat").path("deployments")),
                compare(root.path("compare").path("collections")));
    }

    private static ServerConfig server(Values v, Map<String, String> env) {
        ApiKeys keys;
        try {
            keys = ApiKeys.parse(v.texts("server.apiKeys"));
        } catch (IllegalArgumentException e) {
            // Never the value: it holds keys.
            throw new ConfigException("server.apiKeys (QUARRY_API_KEYS): " + e.getMessage(), e);
        }
        ServerConfig.Tls tls = null;
        String keystore = v.text("server.tls.keystore", null);
        if (keystore != null) {
            String passwordEnv = v.text("server.tls.passwordEnv", "QUARRY_TLS_PASSWORD");
            String password = env.get(passwordEnv);
            if (password == null) throw new ConfigException("server.tls.passwordEnv", passwordEnv, "names an environment variable that is not set; it must hold the keystore password");
            if (!Files.isReadable(Path.of(keystore))) throw new ConfigException("server.tls.keystore", keystore, "is not a readable file");
            tls = new ServerConfig.Tls(Path.of(keystore), password);
            tls.verify(passwordEnv);
        }
        Map<Role, Integer> rates = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Integer fallback = ServerConfig.Limits.DEFAULT.requestsPerMinute().get(role);
            int rate = v.integer("server.requestsPerMinute." + role.label(), fallback == null ? 0 : fallback);
            if (rate > 0) rates.put(role, rate);
        }
        ServerConfig.Limits limits = new ServerConfig.Limits(v.longValue("server.maxBodyBytes", ServerConfig.Limits.DEFAULT.maxBodyBytes()),
                rates, Duration.ofSeconds(v.integer("server.shutdownGraceSeconds", (int) ServerConfig.Limits.DEFAULT.shutdownGrace().toSeconds())));
        return new ServerConfig(v.text("server.host", "127.0.0.1"), v.integer("server.port", 8080), keys, tls, limits);
    }

    private static FusionSettings fusion(Values v) {
        String method = v.text("search.fusion.method", FusionSettings.DEFAULT.method().name());
        FusionSettings.Method m = Choices.parse(FusionSettings.Method.class, method,
                problem -> new ConfigException("search.fusion.method " + problem, null));
        String weight = v.text("search.fusion.vectorWeight", null);
        double vectorWeight;
        try {
            vectorWeight = weight == null ? FusionSettings.DEFAULT.vectorWeight() : Double.parseDouble(weight);
        } catch (NumberFormatException e) {
            throw new ConfigException("search.fusion.vectorWeight", weight, "must be a number in 0..1");
        }
        return v.build("search.fusion", () -> new FusionSettings(m, v.integer("search.fusion.k", FusionSettings.DEFAULT.rrfK()),
                vectorWeight));
    }

    /** {@code compare.collections}: [{name, model}], bundled models only, each already built with that model. */
    private static List<QuarryConfig.CompareCollection> compare(JsonNode list) {
        List<QuarryConfig.CompareCollection> out = new ArrayList<>();
        for (JsonNode c : list) {
            String name = collection(c.path("name").asText(""));
            String model = c.path("model").asText(BundledModels.DEFAULT);
            OnnxModelSpec spec = BundledModels.find(model).orElseThrow(() -> new ConfigException("compare.collections." + name + ".model",
                    model, "is not a bundled model; choose one of " + BundledModels.ids()));
            out.add(new QuarryConfig.CompareCollection(name, new EmbeddingConfig.Onnx(spec, 32, Runtime.getRuntime().availableProcessors())));
        }
        return out;
    }

    private static List<ChatDeploymentConfig> chatDeployments(JsonNode list) {
        List<ChatDeploymentConfig> out = new ArrayList<>();
        for (JsonNode d : list) {
            String name = d.path("name").asText(null);
            String kind = d.path("kind").asText("openai");
            ApiKind k = Choices.parse(ApiKind.class, kind, problem -> new ConfigException("chat.deployments." + name + ".kind " + problem, null));
            out.add(new ChatDeploymentConfig(name, k, d.path("endpoint").asText(null), d.path("model").asText(null),
                    d.path("apiKeyEnv").asText(k == ApiKind.AZURE ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"),
                    d.path("apiVersion").asText(null), Duration.ofSeconds(d.path("timeoutSeconds").asInt(60)),
                    d.path("maxRetries").asInt(3), d.path("tokensPerMinute").asInt(0)));
        }
        if (out.stream().map(ChatDeploymentConfig::name).distinct().count() < out.size()) {
            throw new ConfigException("chat.deployments", out.toString(), "must have distinct names");
        }
        return out;
    }

    private static String collection(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new ConfigException("collection", name, "must be 1-64 letters, digits, '-' or '_'");
        }
        return name;
    }

    private static EmbeddingConfig embedding(Values v) {
        String provider = v.text("embedding.provider", "onnx").toLowerCase(Locale.ROOT);
        if (!provider.equals("onnx")) return remoteEmbedding(v, provider);
        String model = v.text("embedding.model", BundledModels.DEFAULT);
        int batch = v.integer("embedding.batchSize", 32);
        int threads = v.integer("embedding.threads", Runtime.getRuntime().availableProcessors());
        OnnxModelSpec spec;
        if (v.has("embedding.onnx.path")) {
            spec = v.build("embedding.onnx", () -> new OnnxModelSpec(model, v.text("embedding.onnx.path", null),
                    v.text("embedding.onnx.tokenizer", null), pooling(v.text("embedding.onnx.pooling", "mean")),
                    v.text("embedding.onnx.queryPrefix", ""), v.text("embedding.onnx.passagePrefix", ""),
                    v.integer("embedding.onnx.maxTokens", 512)));
        } else {
            spec = BundledModels.find(model).orElseThrow(() -> new ConfigException("embedding.model", model,
                    "is not a bundled model; choose one of " + BundledModels.ids() + " or set embedding.onnx.path"));
        }
        return new EmbeddingConfig.Onnx(spec, batch, threads);
    }

    private static EmbeddingConfig remoteEmbedding(Values v, String provider) {
        ApiKind kind = switch (provider) {
            case "azure" -> ApiKind.AZURE;
            case "openai" -> ApiKind.OPENAI;
            default -> throw new ConfigException("embedding.provider", provider, "must be onnx, azure or openai");
        };
        return new EmbeddingConfig.Remote(kind, v.text("embedding.endpoint", null), v.text("embedding.model", null),
                v.text("embedding.apiKeyEnv", kind == ApiKind.AZURE ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"),
                v.text("embedding.apiVersion", null), v.integer("embedding.dimensions", 0), v.integer("embedding.batchSize", 64),
                v.integer("embedding.maxTokens", 8191), Duration.ofSeconds(v.integer("embedding.timeoutSeconds", 60)),
                v.integer("embedding.maxRetries", 8));
    }

    private static Pooling pooling(String value) {
        // SERVER pooling is what remote embedders report, not something an ONNX model can do.
        return Choices.parse(List.of(Pooling.CLS, Pooling.MEAN), value, problem -> new ConfigException("embedding.onnx.pooling " + problem, null));
    }

    /** Typed reads from the merged tree, with errors that name the key. */
    private record Values(JsonNode root) {

        boolean has(String key) {
            return !node(key).isMissingNode();
        }

        JsonNode node(String key) {
            JsonNode n = root;
            for (String part : key.split("\\.")) n = n.path(part);
            return n;
        }

        String text(String key, String fallback) {
            JsonNode n = node(key);
            return n.isMissingNode() || n.isNull() ? fallback : n.asText();
        }

        int integer(String key, int fallback) {
            return (int) longValue(key, fallback);
        }

        long longValue(String key, long fallback) {
            String text = text(key, null);
            if (text == null) return fallback;
            try {
                return Long.parseLong(text.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, text, "must be a whole number");
            }
        }

        boolean bool(String key, boolean fallback) {
            String text = text(key, null);
            if (text == null) return fallback;
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new ConfigException(key, text, "must be true or false");
            };
        }

        /** A list written as a YAML sequence or as one comma-separated string. */
        List<String> texts(String key) {
            JsonNode n = node(key);
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(p -> out.add(p.asText()));
            } else if (!n.isMissingNode() && !n.isNull()) {
                for (String p : n.asText().split(",")) if (!p.isBlank()) out.add(p.strip());
            }
            return out;
        }

        List<Path> paths(String key) {
            JsonNode n = node(key);
            List<Path> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(p -> out.add(Path.of(p.asText())));
            } else if (!n.isMissingNode() && !n.asText().isBlank()) {
                for (String p : n.asText().split(",")) if (!p.isBlank()) out.add(Path.of(p.strip()));
            }
            return out;
        }

        /** Runs a record constructor, turning its validation error into one that names the section. */
        <T> T build(String section, java.util.function.Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new ConfigException(message.startsWith(section) ? message : section + ": " + message, e);
            }
        }
    }
}
