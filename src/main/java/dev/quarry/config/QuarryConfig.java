package dev.quarry.config;

import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.ingest.IngestSettings;
import dev.quarry.safety.SafetyConfig;
import dev.quarry.search.FusionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** All of Quarry's configuration, loaded once at start; each component receives only its own part. */
public record QuarryConfig(Path dataDir, String collection, ServerConfig server, EmbeddingConfig embedding,
                           ChunkSettings chunking, IngestSettings ingest, List<Path> ingestRoots,
                           HnswSettings hnsw, FusionSettings fusion, int queryCacheSize,
                           List<ChatDeploymentConfig> chatDeployments, List<CompareCollection> compare,
                           SafetyConfig safety, Map<String, IndexBackend> backends, StorageSettings storage,
                           Map<String, StorageSettings> collectionStorage) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final String DEFAULT_COLLECTION = "default";
    public static final int DEFAULT_QUERY_CACHE_SIZE = 10_000;

    /** Another collection in the same data folder, built with its own embedding model, served read-only beside the live one. */
    public record CompareCollection(String name, EmbeddingConfig embedding) {
    }

    public QuarryConfig {
        ingestRoots = List.copyOf(ingestRoots);
        chatDeployments = List.copyOf(chatDeployments);
        compare = List.copyOf(compare);
        backends = Map.copyOf(backends);
        collectionStorage = Map.copyOf(collectionStorage);
    }

    /** The snapshot retention and disk limit of the collection {@code name}: its own, else the top-level ones. */
    public StorageSettings storage(String name) {
        return collectionStorage.getOrDefault(name, storage);
    }

    /** The engine that holds the collection {@code name}: as configured under {@code collections}, else Lucene. */
    public IndexBackend backend(String name) {
        return backends.getOrDefault(name, IndexBackend.LUCENE);
    }

    public QuarryConfig withServer(ServerConfig newServer) {
        return new QuarryConfig(dataDir, collection, newServer, embedding, chunking, ingest, ingestRoots, hnsw, fusion,
                queryCacheSize, chatDeployments, compare, safety, backends, storage, collectionStorage);
    }

    /** What is logged at start: every setting, no secrets (Solr's password is not shown). */
    public String describe() {
        return "data=" + dataDir.toAbsolutePath() + ", collection=" + collection + ", " + server + ", " + embedding
                + ", " + chunking + ", " + ingest + ", ingestRoots=" + ingestRoots + ", " + hnsw + ", " + fusion
                + ", queryCacheSize=" + queryCacheSize + ", chatDeployments=" + chatDeployments + ", compare=" + compare + ", " + safety
                + ", backends=" + backends + ", storage: " + storage + ", storage by collection=" + collectionStorage;
    }
}
