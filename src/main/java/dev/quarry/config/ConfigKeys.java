package dev.quarry.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.error.ConfigException;
import dev.quarry.error.Suggestions;
import dev.quarry.safety.FindingType;
import dev.quarry.security.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every key quarry.yaml may hold. A key that is not here stops the start, naming it, the keys allowed beside it and
 * the one probably meant: a misspelt setting silently left at its default is the worst kind of configuration error.
 * {@link ConfigValues} refuses to read a key missing here, so the list cannot fall behind the loader.
 */
final class ConfigKeys {

    /** Dotted paths of every setting; {@code []} marks a list whose items are mappings with the keys that follow it. */
    private static final List<String> ALL = Stream.of(
            Stream.of("data", "collection",
                    "server.host", "server.port", "server.apiKeys", "server.maxBodyBytes", "server.shutdownGraceSeconds",
                    "server.tls.keystore", "server.tls.passwordEnv"),
            Stream.of(Role.values()).map(r -> "server.requestsPerMinute." + r.label()),
            Stream.of("embedding.provider", "embedding.model", "embedding.batchSize", "embedding.threads",
                    "embedding.onnx.path", "embedding.onnx.tokenizer", "embedding.onnx.pooling", "embedding.onnx.queryPrefix",
                    "embedding.onnx.passagePrefix", "embedding.onnx.maxTokens",
                    "embedding.endpoint", "embedding.apiKeyEnv", "embedding.apiVersion", "embedding.dimensions",
                    "embedding.maxTokens", "embedding.timeoutSeconds", "embedding.maxRetries",
                    "chunking.maxTokens", "chunking.overlapTokens", "chunking.headingContext",
                    "ingest.maxFileBytes", "ingest.embedBatch", "ingest.commitSeconds", "ingest.roots",
                    "index.hnsw.m", "index.hnsw.beamWidth", "index.vectors",
                    "search.vectorCandidates", "search.queryCacheSize",
                    "search.fusion.method", "search.fusion.vectorWeight", "search.fusion.k",
                    "chat.deployments[].name", "chat.deployments[].kind", "chat.deployments[].endpoint",
                    "chat.deployments[].model", "chat.deployments[].apiKeyEnv", "chat.deployments[].apiVersion",
                    "chat.deployments[].timeoutSeconds", "chat.deployments[].maxRetries", "chat.deployments[].tokensPerMinute",
                    "compare.collections[].name", "compare.collections[].model",
                    "collections[].name", "collections[].backend", "collections[].solr.urls", "collections[].solr.shards",
                    "collections[].solr.replicas", "collections[].solr.userEnv", "collections[].solr.passwordEnv",
                    "collections[].solr.timeoutSeconds",
                    "snapshots.keep", "snapshots.maxAgeDays", "disk.maxBytesPerCollection",
                    "collections[].snapshots.keep", "collections[].snapshots.maxAgeDays", "collections[].disk.maxBytes",
                    "safety.phoneRegion", "safety.injection", "safety.collections[].name", "safety.collections[].blocklists",
                    "safety.collections[].injection",
                    "safety.blocklists[].name", "safety.blocklists[].terms", "safety.blocklists[].patterns",
                    "safety.deployments[].name", "safety.deployments[].blocklists"),
            Stream.of(FindingType.values()).map(t -> "safety.pii." + t.label()),
            Stream.of(FindingType.values()).map(t -> "safety.collections[].pii." + t.label()))
            .flatMap(s -> s).toList();

    /** Each mapping's allowed keys in the order above, by its path ("" for the top level, "chat.deployments[]" for an item). */
    private static final Map<String, Set<String>> CHILDREN = new LinkedHashMap<>();
    private static final Set<String> LEAVES = Set.copyOf(ALL);
    private static final Set<String> LISTS = new LinkedHashSet<>();

    static {
        for (String key : ALL) {
            String parent = "";
            for (String part : key.split("\\.")) {
                String name = part.endsWith("[]") ? part.substring(0, part.length() - 2) : part;
                CHILDREN.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(name);
                String path = parent.isEmpty() ? name : parent + "." + name;
                if (part.endsWith("[]")) LISTS.add(path);
                parent = part.endsWith("[]") ? path + "[]" : path;
            }
        }
    }

    private ConfigKeys() {
    }

    static boolean isSetting(String path) {
        return LEAVES.contains(path);
    }

    /** Refuses, in one line, the first key of {@code root} that is not a setting, and a section that is not a mapping. */
    static void check(JsonNode root) {
        check(root, "", "");
    }

    private static void check(JsonNode node, String path, String shown) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String key = path.isEmpty() ? name : path + "." + name;
            String shownKey = shown.isEmpty() ? name : shown + "." + name;
            JsonNode value = field.getValue();
            if (LEAVES.contains(key)) continue;
            if (!LISTS.contains(key) && !CHILDREN.containsKey(key)) throw unknown(shownKey, name, path);
            if (value.isNull()) continue;
            if (LISTS.contains(key)) {
                if (!value.isArray()) throw new ConfigException(shownKey, value.toString(), "must be a list of mappings with the keys " + allowed(key + "[]"));
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    String itemName = item(shownKey, i, item);
                    if (!item.isObject()) throw new ConfigException(itemName, item.toString(), "must be a mapping with the keys " + allowed(key + "[]"));
                    check(item, key + "[]", itemName);
                }
            } else {
                if (!value.isObject()) throw new ConfigException(shownKey, value.toString(), "must be a mapping with the keys " + allowed(key));
                check(value, key, shownKey);
            }
        }
    }

    private static ConfigException unknown(String shownKey, String name, String parent) {
        String meant = Suggestions.closest(name, CHILDREN.get(parent)).map(s -> "; did you mean '" + s + "'?").orElse("");
        String where = parent.isEmpty() ? "top-level keys: " : "keys under " + parent.replace("[]", "") + ": ";
        return ConfigException.of(shownKey, shownKey + " is not a known key" + meant + " (" + where + allowed(parent) + ")");
    }

    private static String allowed(String parent) {
        return String.join(", ", CHILDREN.get(parent));
    }

    /** How messages name an item of a list: by its name where it has one, as earlier messages did, else by position. */
    static String item(String list, int index, JsonNode item) {
        JsonNode name = item.path("name");
        return name.isTextual() && !name.asText().isBlank() ? list + "." + name.asText() : list + "[" + index + "]";
    }

    /**
     * The environment variables that settings name ({@code apiKeyEnv}, {@code passwordEnv}): they hold secrets, so
     * they are Quarry's whatever they are called.
     */
    static List<String> namedVariables(JsonNode root) {
        List<String> names = new ArrayList<>();
        collectNamedVariables(root, names);
        return names;
    }

    private static void collectNamedVariables(JsonNode node, List<String> names) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().endsWith("Env") && value.isTextual()) names.add(value.asText());
            if (value.isContainerNode()) {
                if (value.isArray()) value.forEach(item -> collectNamedVariables(item, names));
                else collectNamedVariables(value, names);
            }
        }
    }
}
