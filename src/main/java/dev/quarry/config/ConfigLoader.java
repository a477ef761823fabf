package dev.quarry.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.quarry.error.ConfigException;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.VectorFormat;
import dev.quarry.index.solr.SolrSettings;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the configuration: defaults, then an optional YAML file ({@code quarry.yaml} in the working folder, or the
 * file named by {@code QUARRY_CONFIG}), then environment variables, which win. Unknown keys and variables and every
 * bad value stop the start with one line naming the key; defaults are the settings records' own.
 */
public final class ConfigLoader {

    /** A key given twice would otherwise silently keep its last value. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /** Where an embedding comes from: a model run in-process, or a deployment of one of the {@link ApiKind}s. */
    private enum Provider { ONNX, AZURE, OPENAI }

    private ConfigLoader() {
    }

    public static QuarryConfig load(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault("QUARRY_CONFIG", "quarry.yaml"));
        if (env.containsKey("QUARRY_CONFIG") && !Files.exists(file)) {
            throw new ConfigException("QUARRY_CONFIG", file.toString(), "names a file that does not exist");
        }
        ObjectNode tree = readYaml(file);
        ConfigKeys.check(tree);
        EnvironmentVariables.check(env, ConfigKeys.namedVariables(tree));
        return fromTree(merge(tree, env), env);
    }

    private static ObjectNode readYaml(Path file) {
        if (!Files.exists(file)) return YAML.createObjectNode();
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) return YAML.createObjectNode();
            if (!node.isObject()) throw new ConfigException(file + " must hold a YAML mapping", null);
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is not valid YAML: " + yamlProblem(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parser's complaint in one line: SnakeYAML's own message spans several, with the text it quotes. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return yaml.getProblem() + " at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1);
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return e.getOriginalMessage().lines().findFirst().orElse("").strip() + where;
    }

    private static ObjectNode merge(ObjectNode tree, Map<String, String> env) {
        EnvironmentVariables.SETTINGS.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value == null) return;
            String[] parts = key.split("\\.");
            ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.get(parts[i]) instanceof ObjectNode child ? child : node.putObject(parts[i]);
            }
            node.put(parts[parts.length - 1], value);
        });
        return tree;
    }

    private static QuarryConfig fromTree(JsonNode root, Map<String, String> env) {
        ConfigValues v = new ConfigValues(root);
        ServerConfig server = ServerSection.read(v, env);
        ChunkSettings chunks = ChunkSettings.DEFAULT;
        ChunkSettings chunking = v.build("chunking", () -> new ChunkSettings(v.integer("chunking.maxTokens", chunks.maxTokens(), 1),
                v.integer("chunking.overlapTokens", chunks.overlapTokens(), 0), v.bool("chunking.headingContext", chunks.headingContext())));
        IngestSettings ingests = IngestSettings.DEFAULT;
        IngestSettings ingest = v.build("ingest", () -> new IngestSettings(v.longValue("ingest.maxFileBytes", ingests.maxFileBytes(), 1),
                v.integer("ingest.embedBatch", ingests.embedBatch(), 1), v.seconds("ingest.commitSeconds", ingests.commitInterval(), 1)));
        HnswSettings graph = HnswSettings.DEFAULT;
        VectorFormat vectors = v.choice("index.vectors", VectorFormat.class, graph.vectors());
        HnswSettings hnsw = v.build("index.hnsw", () -> new HnswSettings(v.integer("index.hnsw.m", graph.m(), 1),
                v.integer("index.hnsw.beamWidth", graph.beamWidth(), 1), v.integer("search.vectorCandidates", graph.searchCandidates(), 1),
                vectors));
        String data = v.text("data", QuarryConfig.DEFAULT_DATA_DIR.toString());
        if (data.isBlank()) throw new ConfigException("data", data, "must name a folder");
        List<ChatDeploymentConfig> deployments = chatDeployments(root.path("chat").path("deployments"));
        return new QuarryConfig(Path.of(data),
                collection("collection", v.text("collection", QuarryConfig.DEFAULT_COLLECTION)), server, embedding(v),
                chunking, ingest, v.paths("ingest.roots"), hnsw, fusion(v),
                v.integer("search.queryCacheSize", QuarryConfig.DEFAULT_QUERY_CACHE_SIZE, 0),
                deployments, compare(root.path("compare").path("collections")),
                SafetySection.read(v, root.path("safety"), deployments.stream().map(ChatDeploymentConfig::name).toList()),
                backends(root.path("collections"), env), storage(v), collectionStorage(root.path("collections"), storage(v)));
    }

    /** {@code snapshots.keep}, {@code snapshots.maxAgeDays}, {@code disk.maxBytesPerCollection}; 0 is no limit. */
    private static StorageSettings storage(ConfigValues v) {
        StorageSettings d = StorageSettings.DEFAULT;
        return new StorageSettings(v.integer("snapshots.keep", d.keepSnapshots(), 0),
                Duration.ofDays(v.integer("snapshots.maxAgeDays", (int) d.maxSnapshotAge().toDays(), 0)),
                v.longValue("disk.maxBytesPerCollection", d.maxBytes(), 0));
    }

    /** A collection's own {@code snapshots.*} and {@code disk.maxBytes} under {@code collections}, over the top-level ones. */
    private static Map<String, StorageSettings> collectionStorage(JsonNode list, StorageSettings defaults) {
        Map<String, StorageSettings> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValues c = new ConfigValues(list.get(i), "collections[]", ConfigKeys.item("collections", i, list.get(i)));
            if (!c.has("snapshots.keep") && !c.has("snapshots.maxAgeDays") && !c.has("disk.maxBytes")) continue;
            out.put(c.requiredText("name"), new StorageSettings(c.integer("snapshots.keep", defaults.keepSnapshots(), 0),
                    Duration.ofDays(c.integer("snapshots.maxAgeDays", (int) defaults.maxSnapshotAge().toDays(), 0)),
                    c.longValue("disk.maxBytes", defaults.maxBytes(), 0)));
        }
        return out;
    }

    private static FusionSettings fusion(ConfigValues v) {
        FusionSettings d = FusionSettings.DEFAULT;
        FusionSettings.Method method = v.choice("search.fusion.method", FusionSettings.Method.class, d.method());
        double vectorWeight = v.number("search.fusion.vectorWeight", d.vectorWeight(), 0, 1);
        int k = v.integer("search.fusion.k", d.rrfK(), 1);
        return v.build("search.fusion", () -> new FusionSettings(method, k, vectorWeight));
    }

    /** {@code compare.collections}: [{name, model}], bundled models only, each already built with that model. */
    private static List<QuarryConfig.CompareCollection> compare(JsonNode list) {
        List<QuarryConfig.CompareCollection> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValues c = new ConfigValues(list.get(i), "compare.collections[]", ConfigKeys.item("compare.collections", i, list.get(i)));
            String name = collection(c.name("name"), c.requiredText("name"));
            String model = c.text("model", BundledModels.DEFAULT);
            OnnxModelSpec spec = BundledModels.find(model).orElseThrow(() -> new ConfigException(c.name("model"),
                    model, "is not a bundled model; choose one of " + BundledModels.ids()));
            out.add(new QuarryConfig.CompareCollection(name, EmbeddingConfig.Onnx.of(spec)));
        }
        return out;
    }

    /**
     * {@code collections}: [{name, backend: lucene|solr, solr: {urls, shards, replicas, userEnv, passwordEnv,
     * timeoutSeconds}}], the engine of each collection named; the Solr credentials are read from the environment.
     */
    private static Map<String, IndexBackend> backends(JsonNode list, Map<String, String> env) {
        Map<String, IndexBackend> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValues c = new ConfigValues(list.get(i), "collections[]", ConfigKeys.item("collections", i, list.get(i)));
            String name = collection(c.name("name"), c.requiredText("name"));
            if (out.containsKey(name)) throw new ConfigException("collections", name, "names a collection twice");
            String backend = c.text("backend", "lucene");
            out.put(name, switch (backend) {
                case "lucene" -> IndexBackend.LUCENE;
                case "solr" -> new IndexBackend.Solr(c.build("solr", () -> new SolrSettings(c.texts("solr.urls"),
                        c.integer("solr.shards", 1, 1), c.integer("solr.replicas", 1, 1),
                        secret(c, "solr.userEnv", env), secret(c, "solr.passwordEnv", env),
                        c.seconds("solr.timeoutSeconds", SolrSettings.DEFAULT_TIMEOUT, 1))));
                default -> throw new ConfigException(c.name("backend"), backend, "must be lucene or solr");
            });
        }
        return out;
    }

    /** The value of the environment variable that {@code key} names; null when no variable is named. */
    private static String secret(ConfigValues c, String key, Map<String, String> env) {
        String variable = c.text(key, null);
        if (variable == null) return null;
        String value = env.get(variable);
        if (value == null || value.isEmpty()) throw new ConfigException(c.name(key), variable, "names an environment variable that is not set");
        return value;
    }

    private static List<ChatDeploymentConfig> chatDeployments(JsonNode list) {
        List<ChatDeploymentConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValues d = new ConfigValues(list.get(i), "chat.deployments[]", ConfigKeys.item("chat.deployments", i, list.get(i)));
            ApiKind kind = d.choice("kind", ApiKind.class, ChatDeploymentConfig.DEFAULT_KIND);
            out.add(new ChatDeploymentConfig(d.text("name", null), kind, d.text("endpoint", null), d.text("model", null),
                    d.text("apiKeyEnv", kind.defaultKeyVariable()), d.text("apiVersion", null),
                    d.seconds("timeoutSeconds", ChatDeploymentConfig.DEFAULT_TIMEOUT, 1),
                    d.integer("maxRetries", ChatDeploymentConfig.DEFAULT_MAX_RETRIES, 0),
                    d.integer("tokensPerMinute", ChatDeploymentConfig.DEFAULT_TOKENS_PER_MINUTE, 0)));
        }
        if (out.stream().map(ChatDeploymentConfig::name).distinct().count() < out.size()) {
            throw new ConfigException("chat.deployments", out.toString(), "must have distinct names");
        }
        return out;
    }

    private static String collection(String key, String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new ConfigException(key, name, "must be 1-64 letters, digits, '-' or '_'");
        }
        return name;
    }

    private static EmbeddingConfig embedding(ConfigValues v) {
        Provider provider = v.choice("embedding.provider", Provider.class, Provider.ONNX);
        if (provider != Provider.ONNX) return remoteEmbedding(v, provider == Provider.AZURE ? ApiKind.AZURE : ApiKind.OPENAI);
        String model = v.text("embedding.model", BundledModels.DEFAULT);
        int batch = v.integer("embedding.batchSize", EmbeddingConfig.Onnx.DEFAULT_BATCH_SIZE, 1);
        int threads = v.integer("embedding.threads", EmbeddingConfig.Onnx.defaultThreads(), 1);
        OnnxModelSpec spec;
        if (v.has("embedding.onnx.path")) {
            Pooling pooling = v.choice("embedding.onnx.pooling", List.of(Pooling.CLS, Pooling.MEAN), OnnxModelSpec.DEFAULT_POOLING);
            spec = v.build("embedding.onnx", () -> new OnnxModelSpec(model, v.text("embedding.onnx.path", null),
                    v.requiredText("embedding.onnx.tokenizer"), pooling, v.text("embedding.onnx.queryPrefix", ""),
                    v.text("embedding.onnx.passagePrefix", ""), v.integer("embedding.onnx.maxTokens", OnnxModelSpec.DEFAULT_MAX_TOKENS, 1)));
        } else {
            spec = BundledModels.find(model).orElseThrow(() -> new ConfigException("embedding.model", model,
                    "is not a bundled model; choose one of " + BundledModels.ids() + " or set embedding.onnx.path"));
        }
        return new EmbeddingConfig.Onnx(spec, batch, threads);
    }

    private static EmbeddingConfig remoteEmbedding(ConfigValues v, ApiKind kind) {
        return new EmbeddingConfig.Remote(kind, v.text("embedding.endpoint", null), v.text("embedding.model", null),
                v.text("embedding.apiKeyEnv", kind.defaultKeyVariable()), v.text("embedding.apiVersion", null),
                v.integer("embedding.dimensions", 0, 0), v.integer("embedding.batchSize", EmbeddingConfig.Remote.DEFAULT_BATCH_SIZE, 1),
                v.integer("embedding.maxTokens", EmbeddingConfig.Remote.DEFAULT_MAX_TOKENS, 1),
                v.seconds("embedding.timeoutSeconds", EmbeddingConfig.Remote.DEFAULT_TIMEOUT, 1),
                v.integer("embedding.maxRetries", EmbeddingConfig.Remote.DEFAULT_MAX_RETRIES, 0));
    }

    /** {@code server.*}: address, keys, TLS and limits. */
    private static final class ServerSection {

        static ServerConfig read(ConfigValues v, Map<String, String> env) {
            ApiKeys keys;
            try {
                keys = ApiKeys.parse(v.texts("server.apiKeys"));
            } catch (IllegalArgumentException e) {
                // Never the value: it holds keys.
                throw new ConfigException("server.apiKeys (QUARRY_API_KEYS): " + e.getMessage(), e);
            }
            ServerConfig.Limits d = ServerConfig.Limits.DEFAULT;
            Map<Role, Integer> rates = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                // 0, or a role without a default, is unlimited.
                int rate = v.integer("server.requestsPerMinute." + role.label(), d.requestsPerMinute().getOrDefault(role, 0), 0);
                if (rate > 0) rates.put(role, rate);
            }
            ServerConfig.Limits limits = new ServerConfig.Limits(v.longValue("server.maxBodyBytes", d.maxBodyBytes(), 0), rates,
                    v.seconds("server.shutdownGraceSeconds", d.shutdownGrace(), 0));
            return new ServerConfig(v.text("server.host", ServerConfig.DEFAULT_HOST),
                    v.integer("server.port", ServerConfig.DEFAULT_PORT, 0, 65535), keys, tls(v, env), limits);
        }

        private static ServerConfig.Tls tls(ConfigValues v, Map<String, String> env) {
            String keystore = v.text("server.tls.keystore", null);
            if (keystore == null) return null;
            String passwordEnv = v.text("server.tls.passwordEnv", ServerConfig.Tls.DEFAULT_PASSWORD_ENV);
            String password = env.get(passwordEnv);
            if (password == null) throw new ConfigException("server.tls.passwordEnv", passwordEnv, "names an environment variable that is not set; it must hold the keystore password");
            if (!Files.isReadable(Path.of(keystore))) throw new ConfigException("server.tls.keystore", keystore, "is not a readable file");
            ServerConfig.Tls tls = new ServerConfig.Tls(Path.of(keystore), password);
            tls.verify(passwordEnv);
            return tls;
        }
    }
}
