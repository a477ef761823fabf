package dev.quarry;

import dev.quarry.chat.ChatModel;
import dev.quarry.chat.ChatService;
import dev.quarry.chat.OpenAiChatModel;
import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chat.ExtractiveAnswerer;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.embed.Embedder;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.embed.OpenAiEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.WriteQueue;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.metrics.MeteredEmbedder;
import dev.quarry.metrics.QuarryMetrics;
import dev.quarry.search.Searcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The composition root: builds every component from the configuration, and closes them in reverse order. */
public final class Quarry implements AutoCloseable {

    private final QuarryConfig config;
    private final CachingEmbedder embedder;
    private final ChunkIndex index;
    private final Searcher searcher;
    private final Ingester ingester;
    private final WriteQueue writes = new WriteQueue();
    private final IngestJobs ingestJobs;
    private final ChatService chat;
    private final QuarryMetrics metrics;

    private Quarry(QuarryConfig config, CachingEmbedder embedder, ChunkIndex index, QuarryMetrics metrics, Map<String, String> env) {
        this.config = config;
        this.metrics = metrics;
        this.embedder = embedder;
        this.index = index;
        this.searcher = new Searcher(index, embedder, config.fusion());
        this.ingester = new Ingester(index, embedder, new Parsers(), config.chunking(), config.ingest(), Clock.systemUTC(),
                metrics::ingested);
        List<ChatModel> models = new ArrayList<>();
        for (ChatDeploymentConfig d : config.chatDeployments()) models.add(new OpenAiChatModel(d, env));
        this.chat = new ChatService(searcher, new ExtractiveAnswerer(embedder), models, metrics::citationsDropped);
        metrics.gauge("quarry.index.chunks", "Chunks in the index", () -> index.stats().chunks());
        metrics.gauge("quarry.index.documents", "Documents in the index", () -> index.stats().documents());
        metrics.gauge("quarry.index.bytes", "Size of the index files on disk", () -> index.stats().bytes());
        metrics.gauge("quarry.embed.query.cache.hit.ratio", "Share of query embeddings served from the cache", embedder::hitRate);
        this.ingestJobs = new IngestJobs(ingester, writes, Clock.systemUTC());
    }

    /** Opens the live index for reading and writing; chat deployments read their keys from {@code env}. */
    public static Quarry open(QuarryConfig config, Map<String, String> env) {
        return open(config, env, false);
    }

    public static Quarry open(QuarryConfig config) {
        return open(config, System.getenv());
    }

    /** Opens the live index for searching only: the command line can search while a server owns the index. */
    public static Quarry openReadOnly(QuarryConfig config, Map<String, String> env) {
        return open(config, env, true);
    }

    private static Quarry open(QuarryConfig config, Map<String, String> env, boolean readOnly) {
        QuarryMetrics metrics = new QuarryMetrics();
        CachingEmbedder embedder = new CachingEmbedder(new MeteredEmbedder(embedder(config.embedding(), env), metrics),
                config.queryCacheSize());
        try {
            IndexManifest manifest = IndexManifest.of(embedder.model(), config.chunking());
            Path dir = new IndexLocation(config.dataDir(), config.collection()).current();
            ChunkIndex index = readOnly ? LuceneChunkIndex.openReadOnly(dir, manifest, config.hnsw())
                    : LuceneChunkIndex.open(dir, manifest, config.hnsw());
            try {
                return new Quarry(config, embedder, index, metrics, env);
            } catch (RuntimeException e) {
                index.close();
                throw e;
            }
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /**
     * Builds a new index with the configured model and chunking from {@code folder} beside the live one, and makes
     * it live once complete; the old index keeps serving until then.
     */
    public static IngestReport rebuild(QuarryConfig config, Map<String, String> env, Path folder, IngestProgress progress,
                                       BooleanSupplier stop) {
        IndexLocation location = new IndexLocation(config.dataDir(), config.collection());
        // The old index is deleted once the new one is live: no server may still be using it.
        LuceneChunkIndex.ensureNotInUse(location.current());
        try (Embedder embedder = embedder(config.embedding(), env)) {
            Path next = location.next();
            IngestReport report;
            try (ChunkIndex index = LuceneChunkIndex.open(next, IndexManifest.of(embedder.model(), config.chunking()), config.hnsw())) {
                report = new Ingester(index, embedder, new Parsers(), config.chunking(), config.ingest(),
                        Clock.systemUTC()).ingest(folder, progress, stop);
            }
            location.promote(next);
            return report;
        }
    }

    private static Embedder embedder(EmbeddingConfig config, Map<String, String> env) {
        return switch (config) {
            case EmbeddingConfig.Onnx onnx -> new OnnxEmbedder(onnx.model(), onnx.batchSize(), onnx.threads());
            case EmbeddingConfig.Remote remote -> new OpenAiEmbedder(remote, env);
        };
    }

    public QuarryConfig config() {
        return config;
    }

    public CachingEmbedder embedder() {
        return embedder;
    }

    public ChunkIndex index() {
        return index;
    }

    public Searcher searcher() {
        return searcher;
    }

    public Ingester ingester() {
        return ingester;
    }

    public QuarryMetrics metrics() {
        return metrics;
    }

    public ChatService chat() {
        return chat;
    }

    public IngestJobs ingestJobs() {
        return ingestJobs;
    }

    /** The index's one writer: every change to the index goes through it. */
    public WriteQueue writes() {
        return writes;
    }

    @Override
    public void close() {
        try {
            writes.close();
            chat.close();
            index.close();
        } finally {
            embedder.close();
        }
    }
}
