package dev.quarry.collection;

import dev.quarry.chat.ChatModel;
import dev.quarry.chat.ChatService;
import dev.quarry.chat.ExtractiveAnswerer;
import dev.quarry.chat.Retriever;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.EmbeddingException;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.ModelLoader;
import dev.quarry.eval.Evaluator;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexLocation;
import dev.quarry.tune.CollectionTuning;
import dev.quarry.tune.TuneJobs;
import dev.quarry.tune.Tuner;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrRebuild;
import dev.quarry.index.solr.SolrSettings;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.WriteQueue;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.metrics.MeteredEmbedder;
import dev.quarry.metrics.QuarryMetrics;
import dev.quarry.safety.ContentScreen;
import dev.quarry.safety.Detectors;
import dev.quarry.search.Searcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds collections, and everything else that searches or measures an index, from the one configuration: the
 * server, the command line, {@code eval} and {@code regress} all come here, so what is measured is what is served.
 * Collections with the same model share one loaded embedder (and its query cache); chat deployments are shared too.
 */
public final class CollectionFactory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectionFactory.class);

    private final QuarryConfig config;
    private final QuarryMetrics metrics;
    private final ModelLoader models;
    private final List<ChatModel> chatModels;
    /** Each model loaded or loading, by configuration; a load that failed is dropped, so that the next use retries. */
    private final Map<EmbeddingConfig, CompletableFuture<CachingEmbedder>> embedders = new LinkedHashMap<>();
    private final Detectors detectors;

    /** {@code models} loads an embedding model (tests give a fake one); {@code chatModels} are owned from here on. */
    public CollectionFactory(QuarryConfig config, QuarryMetrics metrics, ModelLoader models,
                             List<ChatModel> chatModels) {
        this.config = config;
        this.metrics = metrics;
        this.models = models;
        this.chatModels = List.copyOf(chatModels);
        this.detectors = new Detectors(config.safety().phoneRegion());
    }

    /** What ingest does with personal data and secrets in the files of {@code collection}. */
    private ContentScreen screen(String collection) {
        return new ContentScreen(detectors, config.safety().policy(collection));
    }

    public QuarryConfig config() {
        return config;
    }

    /** The loaded embedder of {@code embedding}, shared by every collection of that model (waiting while it loads). */
    public CachingEmbedder embedder(EmbeddingConfig embedding) {
        return loaded(embedding, loading(embedding, false));
    }

    /**
     * The embedder of {@code embedding}, loaded or loading. {@code beside}: a model not yet loaded loads on a
     * thread of its own, so that the caller can open an index meanwhile; otherwise it loads here.
     */
    private CompletableFuture<CachingEmbedder> loading(EmbeddingConfig embedding, boolean beside) {
        CompletableFuture<CachingEmbedder> load;
        synchronized (this) {
            CompletableFuture<CachingEmbedder> known = embedders.get(embedding);
            if (known != null) return known;
            load = new CompletableFuture<>();
            embedders.put(embedding, load);
        }
        Runnable task = () -> {
            try {
                load.complete(load(embedding));
            } catch (Throwable e) {
                synchronized (this) {
                    embedders.remove(embedding, load);
                }
                load.completeExceptionally(e);
            }
        };
        // Never interrupted: it may be in ONNX Runtime's native code.
        if (beside) Thread.ofPlatform().daemon().name("quarry-model-load").start(task);
        else task.run();
        return load;
    }

    private CachingEmbedder load(EmbeddingConfig embedding) {
        CachingEmbedder cache = new CachingEmbedder(new MeteredEmbedder(models.load(embedding), metrics), config.queryCacheSize());
        metrics.gauge("quarry.embed.query.cache.hit.ratio", "Share of query embeddings served from the cache",
                "model", cache.model().id(), cache::hitRate);
        return cache;
    }

    /** Waits for a model's load; its failure is thrown as it was. */
    private static CachingEmbedder loaded(EmbeddingConfig embedding, CompletableFuture<CachingEmbedder> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException("loading model " + embedding.modelId() + " failed", e.getCause());
        }
    }

    /**
     * Opens the live index of {@code spec} (created when new; read-only opens only an existing one, and take no
     * write lock, so the command line can search while a server owns it). {@code mayBeUnnamed}: the collection may
     * keep a single folder as its unnamed source; {@code onSpecChange} hears of sources added by ingests and of
     * the model and chunking a reindex or rollback makes live.
     */
    Collection open(CollectionSpec spec, boolean readOnly, boolean mayBeUnnamed, Consumer<CollectionSpec> onSpecChange) {
        // A model whose configuration says what it is loads while the index opens: both take about a second.
        Optional<ModelInfo> declared = models.declared(spec.embedding());
        CompletableFuture<CachingEmbedder> loading = loading(spec.embedding(), declared.isPresent());
        ModelInfo model = declared.orElseGet(() -> loaded(spec.embedding(), loading).model());
        ChunkIndex index = openIndex(spec, IndexManifest.of(model, spec.chunking()), readOnly);
        try {
            ModelInfo actual = loaded(spec.embedding(), loading).model();
            if (!actual.equals(model)) {
                throw new EmbeddingException("model " + model.id() + " loaded as " + actual + ", not as configured: " + model);
            }
            int number = IndexLocation.number(new IndexLocation(config.dataDir(), spec.name()).current());
            Generation live = generation(spec, number, index);
            DiskBudget disk = disk(spec.name());
            List<Runnable> gauges = new ArrayList<>();
            Collection collection = new Collection(withIndexedSources(spec, index), live, new WriteQueue(),
                    pin -> new Snapshots(spec.name(), config.dataDir(), pin, config.storage(spec.name()), Clock.systemUTC()),
                    disk, mayBeUnnamed, onSpecChange, () -> gauges.forEach(Runnable::run));
            gauges.add(metrics.gauge("quarry.index.chunks", "Chunks in the index", "collection", spec.name(),
                    () -> collection.stats().chunks()));
            gauges.add(metrics.gauge("quarry.index.documents", "Documents in the index", "collection", spec.name(),
                    () -> collection.stats().documents()));
            gauges.add(metrics.gauge("quarry.index.bytes", "Size of the index files on disk", "collection", spec.name(),
                    () -> collection.stats().bytes()));
            gauges.add(metrics.gauge("quarry.disk.generations.bytes", "Bytes of index generations kept beside the live one",
                    "collection", spec.name(), () -> disk.use().generations()));
            gauges.add(metrics.gauge("quarry.disk.snapshots.bytes", "Bytes of snapshots not shared with the live index",
                    "collection", spec.name(), () -> disk.use().snapshots()));
            gauges.add(metrics.gauge("quarry.disk.bytes", "Bytes the collection takes on disk in all", "collection", spec.name(),
                    () -> disk.use().total()));
            return collection;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * Opens the Lucene index generation in {@code dir} for {@code spec}'s model and chunking, creating it when
     * absent: a reindex fills a new one beside the live one, a rollback reopens a kept one.
     */
    Generation openGeneration(CollectionSpec spec, Path dir) {
        CachingEmbedder embedder = embedder(spec.embedding());
        ChunkIndex index = LuceneChunkIndex.open(dir, IndexManifest.of(embedder.model(), spec.chunking()),
                config.hnsw().withVectors(spec.vectors()));
        try {
            return generation(spec, IndexLocation.number(dir), index);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Everything bound to one index: tuning profiles apply only to the model they were trained for. */
    private Generation generation(CollectionSpec spec, int number, ChunkIndex index) {
        CachingEmbedder embedder = embedder(spec.embedding());
        Searcher searcher = new Searcher(index, embedder, config.fusion());
        CollectionTuning tuning = CollectionTuning.in(config.dataDir().resolve(spec.name()), embedder.model().id());
        searcher.tuneWith(tuning.served());
        TuneJobs tuneJobs = new TuneJobs(spec.name(), () -> new Tuner(index, embedder, config.fusion(), Tuner.Settings.DEFAULT),
                tuning, embedder.model().id(), Clock.systemUTC());
        Ingester ingester = new Ingester(index, embedder, new Parsers(), spec.chunking(), config.ingest(),
                Clock.systemUTC(), metrics::ingested, screen(spec.name()), disk(spec.name()));
        Retriever retriever = query -> searcher.search(query).hits().stream()
                .map(hit -> new Retriever.Retrieved(spec.name(), hit)).toList();
        ChatService chat = new ChatService(retriever, new ExtractiveAnswerer(embedder), chatModels, metrics::citationsDropped)
                .guarded(config.safety().chatGuard(spec.name()));
        return new Generation(number, index, embedder, searcher, tuning, tuneJobs, ingester, chat);
    }

    /** The disk limit of a collection's folder, which ingests into any of its generations count against. */
    private DiskBudget disk(String collection) {
        return new DiskBudget(collection, config.dataDir(), config.storage(collection).maxBytes());
    }

    /** Read-only opens only an existing index; a Solr collection has no write lock to leave to a server. */
    private ChunkIndex openIndex(CollectionSpec spec, IndexManifest manifest, boolean readOnly) {
        HnswSettings hnsw = config.hnsw().withVectors(spec.vectors());
        return switch (config.backend(spec.name())) {
            case IndexBackend.Lucene lucene -> {
                Path dir = new IndexLocation(config.dataDir(), spec.name()).current();
                yield readOnly ? LuceneChunkIndex.openReadOnly(dir, manifest, hnsw) : LuceneChunkIndex.open(dir, manifest, hnsw);
            }
            case IndexBackend.Solr solr -> readOnly ? SolrChunkIndex.openExisting(solr.settings(), spec.name(), manifest, hnsw)
                    : SolrChunkIndex.open(solr.settings(), spec.name(), manifest, hnsw);
        };
    }

    /** Sources the index records but the description lacks: an index filled before collections were described. */
    private static CollectionSpec withIndexedSources(CollectionSpec spec, ChunkIndex index) {
        return withSources(spec, index.sources());
    }

    /** With the sources of {@code recorded} (name to folder) that the description lacks. */
    private static CollectionSpec withSources(CollectionSpec spec, Map<String, String> recorded) {
        CollectionSpec known = spec;
        for (var e : recorded.entrySet()) {
            if (known.source(e.getKey()).isEmpty()) known = known.withSource(new Source(e.getKey(), Path.of(e.getValue())));
        }
        return known;
    }

    /**
     * Builds a new index of {@code spec} from each of its sources beside the live one, and makes it live once
     * complete; the old index keeps serving until then. A Lucene index is rebuilt while no server uses the
     * collection (its old index is deleted); a Solr collection goes on serving every server during its rebuild.
     */
    public List<IngestReport> rebuild(CollectionSpec spec, IngestProgress progress, BooleanSupplier stop) {
        return switch (config.backend(spec.name())) {
            case IndexBackend.Lucene lucene -> rebuildLucene(spec, progress, stop);
            case IndexBackend.Solr solr -> rebuildSolr(spec, solr.settings(), progress, stop);
        };
    }

    private List<IngestReport> rebuildLucene(CollectionSpec spec, IngestProgress progress, BooleanSupplier stop) {
        IndexLocation location = new IndexLocation(config.dataDir(), spec.name());
        LuceneChunkIndex.ensureNotInUse(location.current());
        CachingEmbedder embedder = embedder(spec.embedding());
        Path next = location.next();
        List<IngestReport> reports;
        try (ChunkIndex index = LuceneChunkIndex.open(next, IndexManifest.of(embedder.model(), spec.chunking()),
                config.hnsw().withVectors(spec.vectors()))) {
            reports = ingestSources(spec, index, progress, stop);
            index.mergeSegments().join();
        }
        location.promote(next);
        return reports;
    }

    /**
     * Fills the next Solr collection of {@code spec} while servers search and write the live one, then catches up
     * with what changed meanwhile (files are compared by hash, so only changed ones are embedded again) and moves the
     * collection's alias to it. Every source the live collection records is rebuilt, those other processes ingested
     * included.
     */
    private List<IngestReport> rebuildSolr(CollectionSpec spec, SolrSettings settings, IngestProgress progress,
                                           BooleanSupplier stop) {
        CachingEmbedder embedder = embedder(spec.embedding());
        try (SolrRebuild rebuild = SolrRebuild.start(settings, spec.name(), IndexManifest.of(embedder.model(), spec.chunking()),
                config.hnsw().withVectors(spec.vectors()))) {
            try {
                List<IngestReport> reports = ingestSources(withSources(spec, rebuild.liveSources()), rebuild.index(), progress, stop);
                for (IngestReport caughtUp : ingestSources(withSources(spec, rebuild.liveSources()), rebuild.index(),
                        IngestProgress.NONE, stop)) {
                    log.info("Caught up with the changes made during the rebuild of {}: {}", spec.name(), caughtUp.summary());
                }
                rebuild.promote();
                return reports;
            } catch (RuntimeException e) {
                rebuild.discard();
                throw e;
            }
        }
    }

    private List<IngestReport> ingestSources(CollectionSpec spec, ChunkIndex index, IngestProgress progress, BooleanSupplier stop) {
        Ingester ingester = new Ingester(index, embedder(spec.embedding()), new Parsers(), spec.chunking(), config.ingest(),
                Clock.systemUTC(), report -> { }, screen(spec.name()));
        List<IngestReport> reports = new ArrayList<>();
        for (Source source : spec.sources()) {
            reports.add(ingester.ingest(source.name(), source.folder(), source.folder(), progress, stop));
        }
        return reports;
    }

    /** Deletes what holds the collection's chunks outside the data folder: its Solr collection and configset. */
    void deleteOutsideData(String name) {
        if (config.backend(name) instanceof IndexBackend.Solr solr) SolrChunkIndex.deleteCollection(solr.settings(), name);
    }

    /**
     * An evaluator with the served index settings and fusion; {@code chunking} null: each record is one passage, as
     * BEIR measures.
     */
    public Evaluator evaluator(EmbeddingConfig embedding, ChunkSettings chunking, Consumer<String> progress) {
        return new Evaluator(embedder(embedding), chunking, config.hnsw(), progress);
    }

    /** Closes the chat deployments and unloads every model. */
    @Override
    public void close() {
        try {
            chatModels.forEach(ChatModel::close);
        } finally {
            List<CompletableFuture<CachingEmbedder>> loads;
            synchronized (this) {
                loads = List.copyOf(embedders.values());
                embedders.clear();
            }
            // A model still loading is waited for (outside the lock, which its failure takes), then unloaded too.
            for (CompletableFuture<CachingEmbedder> load : loads) {
                CachingEmbedder embedder = load.handle((loaded, failure) -> loaded).join();
                if (embedder != null) embedder.close();
            }
        }
    }
}
