package dev.quarry.eval;

import dev.quarry.chunk.Chunk;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.chunk.Chunker;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.embed.Embedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.DocumentWriter;
import dev.quarry.text.ParsedDocument;
import dev.quarry.search.QueryTuning;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import dev.quarry.search.TuningSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Measures retrieval quality on a BEIR collection: indexes every record (title and text) into a temporary index,
 * runs every judged query in each mode and averages nDCG@10, Recall@100 and MRR@10 over documents, a document
 * ranking where its best chunk ranks.
 */
public final class Evaluator {

    /** Documents needed for Recall@100. */
    private static final int DOC_DEPTH = 100;
    /** Chunks fetched per query so that at least DOC_DEPTH distinct documents remain after folding chunks. */
    private static final int CHUNK_DEPTH = 400;
    /**
     * Passages handed to the embedder at once while indexing; it batches passages of similar length among them. Pools
     * of 1,024 pad less and index SciFact in 0.66 of the time, but the int8 model quantizes its activations per batch,
     * so other batches give slightly other vectors: MED's vector nDCG@10 moved from 0.8202 to 0.8095. 64 keeps the
     * regressions' baselines until they are measured again on both CPU families (BENCHMARKS.md).
     */
    static final int EMBED_POOL = 64;

    private final Embedder embedder;
    /** Null: each record is one passage, truncated by the model, as BEIR and the published model scores do. */
    private final ChunkSettings chunking;
    private final Consumer<String> progress;
    /** The graph settings of the served index, so that what is measured is what is served. */
    private final HnswSettings hnsw;

    /** Null: untuned. */
    private QueryTuning tuning;

    public Evaluator(Embedder embedder, ChunkSettings chunking, HnswSettings hnsw, Consumer<String> progress) {
        this.hnsw = hnsw;
        this.embedder = embedder;
        this.chunking = chunking;
        this.progress = progress;
    }

    private ChunkSettings manifestChunking() {
        return chunking == null ? new ChunkSettings(embedder.model().maxTokens(), 0, true) : chunking;
    }

    /** Receives every query's hits of every run, for analyses beyond the standard metrics. */
    @FunctionalInterface
    public interface HitsSink {
        void accept(EvalRun run, String queryId, List<SearchHit> hits);

        HitsSink NONE = (run, queryId, hits) -> { };
    }

    /** Searches as a collection with this tuning profile does (null: untuned). */
    public Evaluator tunedWith(QueryTuning newTuning) {
        this.tuning = newTuning;
        return this;
    }

    public EvalResult evaluate(BeirCollection collection, List<EvalRun> runs) {
        return evaluate(collection, runs, HitsSink.NONE);
    }

    public EvalResult evaluate(BeirCollection collection, List<EvalRun> runs, HitsSink sink) {
        Path dir = tempDir();
        try {
            return evaluate(collection, runs, sink, manifest -> LuceneChunkIndex.open(dir, manifest, hnsw));
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Measures in the empty index that {@code open} gives for the evaluation's manifest, and closes it: how another
     * backend (Solr) is measured exactly as the Lucene one.
     */
    public EvalResult evaluate(BeirCollection collection, List<EvalRun> runs, HitsSink sink,
                               Function<IndexManifest, ChunkIndex> open) {
        long started = System.nanoTime();
        return onIndex(collection, open, (index, chunks) -> {
            double indexSeconds = (System.nanoTime() - started) / 1e9;
            long searchStarted = System.nanoTime();
            // Each run repeats the same queries: embed each once.
            Searcher searcher = new Searcher(index, new CachingEmbedder(embedder, 100_000));
            searcher.tuneWith(TuningSource.fixed(tuning));
            Map<String, EvalResult.ModeMetrics> results = new LinkedHashMap<>();
            for (EvalRun run : runs) results.put(run.name(), run(collection, searcher, run, sink));
            double searchSeconds = (System.nanoTime() - searchStarted) / 1e9;
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("model", embedder.model().id());
            settings.put("chunking", chunking == null ? "one passage per record, truncated at "
                    + embedder.model().maxTokens() + " tokens" : chunking.toString());
            return new EvalResult(collection.name(), collection.corpus().size(), chunks, collection.queries().size(),
                    results, settings, indexSeconds, searchSeconds);
        });
    }

    /** Work on a collection's index as {@link #evaluate} builds it: a temporary one, deleted after. */
    public <T> T onIndex(BeirCollection collection, BiFunction<ChunkIndex, Integer, T> work) {
        Path dir = tempDir();
        try {
            return onIndex(collection, manifest -> LuceneChunkIndex.open(dir, manifest, hnsw), work);
        } finally {
            deleteTree(dir);
        }
    }

    private <T> T onIndex(BeirCollection collection, Function<IndexManifest, ChunkIndex> open, BiFunction<ChunkIndex, Integer, T> work) {
        try (ChunkIndex index = open.apply(IndexManifest.of(embedder.model(), manifestChunking()))) {
            return work.apply(index, indexCorpus(collection, index, EMBED_POOL));
        }
    }

    int indexCorpus(BeirCollection collection, ChunkIndex index, int embedPool) {
        Chunker chunker = chunking == null ? null : new Chunker(embedder.tokenizer(), chunking);
        DocumentWriter writer = new DocumentWriter(index, embedder, embedPool);
        int done = 0;
        int chunks = 0;
        int total = collection.corpus().size();
        long lastReport = System.nanoTime();
        for (BeirCollection.Doc doc : collection.corpus()) {
            String text = doc.text().isBlank() ? doc.title() : doc.text();
            ParsedDocument parsed = new ParsedDocument(doc.title(), text,
                    text.isEmpty() ? List.of() : List.of(new ParsedDocument.Section("", 0, text.length())), List.of(), "text");
            List<Chunk> docChunks = chunker != null ? chunker.chunk(parsed) : text.isEmpty() ? List.of()
                    : List.of(new Chunk(0, 0, text.length(), text, "", doc.title().isEmpty() ? text : doc.title() + "\n\n" + text));
            chunks += docChunks.size();
            if (!docChunks.isEmpty()) done += writer.add(new DocumentWriter.Pending(doc.id(), parsed, docChunks, "", 0)).size();
            if (System.nanoTime() - lastReport > 5e9) {
                progress.accept(String.format("eval %s: embedded %d/%d documents", collection.name(), done, total));
                lastReport = System.nanoTime();
            }
        }
        writer.flush();
        index.commit();
        progress.accept(String.format("eval %s: indexed %d documents as %d chunks", collection.name(), total, chunks));
        return chunks;
    }

    private EvalResult.ModeMetrics run(BeirCollection collection, Searcher searcher, EvalRun run, HitsSink sink) {
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        for (Map.Entry<String, String> q : collection.queries().entrySet()) {
            List<SearchHit> hits = searcher.search(
                    new SearchQuery(q.getValue(), chunkDepth(), 0, run.mode(), null, null, run.fusion(), 0, false, false)
                            .withRepeats(true)).hits();
            sink.accept(run, q.getKey(), hits);
            List<String> ranking = documentRanking(hits);
            Map<String, Integer> judged = collection.qrels().get(q.getKey());
            ndcg += Metrics.ndcg(ranking, judged, 10);
            recall += Metrics.recall(ranking, judged, DOC_DEPTH);
            mrr += Metrics.reciprocalRank(ranking, judged, 10);
        }
        int n = collection.queries().size();
        progress.accept(String.format("eval %s: %s done", collection.name(), run.name()));
        return new EvalResult.ModeMetrics(ndcg / n, recall / n, mrr / n);
    }

    /** With one chunk per record, DOC_DEPTH chunks are DOC_DEPTH documents; chunked records need more. */
    private int chunkDepth() {
        return chunking == null ? DOC_DEPTH : CHUNK_DEPTH;
    }

    /** Documents in the order of their best chunk. */
    static List<String> documentRanking(List<SearchHit> hits) {
        Set<String> docs = new LinkedHashSet<>();
        for (SearchHit h : hits) docs.add(h.chunk().docId());
        return new ArrayList<>(docs).subList(0, Math.min(DOC_DEPTH, docs.size()));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("quarry-eval");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
