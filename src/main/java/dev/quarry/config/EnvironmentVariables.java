package dev.quarry.config;

import dev.quarry.config.ServerConfig.Tls;
import dev.quarry.error.ConfigException;
import dev.quarry.error.Suggestions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code QUARRY_*} environment variables: those that override a key of quarry.yaml, and the others Quarry and
 * its scripts read. Any other {@code QUARRY_} variable is a typo that would silently leave a setting at its default,
 * so it stops the start like an unknown key does.
 */
final class EnvironmentVariables {

    static final String PREFIX = "QUARRY_";

    /** Variables and the keys they override, in the order the README lists them. */
    static final Map<String, String> SETTINGS = ordered(
            "QUARRY_DATA", "data",
            "QUARRY_COLLECTION", "collection",
            "QUARRY_HOST", "server.host",
            "QUARRY_PORT", "server.port",
            "QUARRY_API_KEYS", "server.apiKeys",
            "QUARRY_TLS_KEYSTORE", "server.tls.keystore",
            "QUARRY_MAX_BODY_BYTES", "server.maxBodyBytes",
            "QUARRY_EMBEDDING_MODEL", "embedding.model",
            "QUARRY_EMBEDDING_PROVIDER", "embedding.provider",
            "QUARRY_EMBEDDING_ENDPOINT", "embedding.endpoint",
            "QUARRY_EMBEDDING_DIMENSIONS", "embedding.dimensions",
            "QUARRY_EMBEDDING_BATCH_SIZE", "embedding.batchSize",
            "QUARRY_EMBEDDING_THREADS", "embedding.threads",
            "QUARRY_CHUNK_MAX_TOKENS", "chunking.maxTokens",
            "QUARRY_CHUNK_OVERLAP_TOKENS", "chunking.overlapTokens",
            "QUARRY_CHUNK_HEADING_CONTEXT", "chunking.headingContext",
            "QUARRY_INGEST_MAX_FILE_BYTES", "ingest.maxFileBytes",
            "QUARRY_INGEST_ROOTS", "ingest.roots",
            "QUARRY_INGEST_COMMIT_SECONDS", "ingest.commitSeconds",
            "QUARRY_QUERY_CACHE_SIZE", "search.queryCacheSize",
            "QUARRY_FUSION", "search.fusion.method",
            "QUARRY_FUSION_VECTOR_WEIGHT", "search.fusion.vectorWeight",
            "QUARRY_VECTOR_CANDIDATES", "search.vectorCandidates",
            "QUARRY_INDEX_VECTORS", "index.vectors",
            "QUARRY_SNAPSHOTS_KEEP", "snapshots.keep",
            "QUARRY_SNAPSHOTS_MAX_AGE_DAYS", "snapshots.maxAgeDays",
            "QUARRY_DISK_MAX_BYTES_PER_COLLECTION", "disk.maxBytesPerCollection");

    /**
     * Read elsewhere: the configuration file's name; the scripts' checkout folder, heap limit, JVM flags, extra JVM
     * options and start-up cache switch; the log level (LogbackConfigurator); the keystore password's default variable.
     */
    static final Set<String> OTHERS = Set.of("QUARRY_CONFIG", "QUARRY_HOME", "QUARRY_HEAP", "QUARRY_JVM_FLAGS",
            "QUARRY_JAVA_OPTS", "QUARRY_AOT", "QUARRY_LOG_LEVEL", Tls.DEFAULT_PASSWORD_ENV);

    private EnvironmentVariables() {
    }

    /**
     * Refuses the first {@code QUARRY_} variable in {@code env} that Quarry does not read; {@code secrets} are the
     * variables the configuration names for keys and passwords, which may be called anything.
     */
    static void check(Map<String, String> env, Collection<String> secrets) {
        Set<String> known = new TreeSet<>(SETTINGS.keySet());
        known.addAll(OTHERS);
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith(PREFIX) || known.contains(name) || secrets.contains(name)) continue;
            // Compared without the prefix they all share, which would make any two names look close.
            List<String> suffixes = known.stream().map(k -> k.substring(PREFIX.length())).toList();
            String meant = Suggestions.closest(name.substring(PREFIX.length()), suffixes)
                    .map(s -> "; did you mean " + PREFIX + s + "?").orElse("");
            throw ConfigException.of(name, "environment variable " + name + " is not one Quarry reads" + meant
                    + " (Quarry reads " + String.join(", ", known) + ")");
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(map);
    }
}
