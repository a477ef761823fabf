package dev.quarry.bench;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalResult;
import dev.quarry.eval.EvalRun;
import dev.quarry.eval.Evaluator;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrSettings;
import dev.quarry.testing.SolrTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Lucene backend and the SolrCloud backend (the test cluster: two nodes, two shards, one replica each) side by
 * side in one run. First the same synthetic chunks (NPL-shaped vectors and a kilobyte of text, {@link ScaleCorpus})
 * written into both: write time, bytes per chunk, and for the same queries recall@10 against exact search and vector
 * queries/s, in interleaved rounds; then a BEIR collection evaluated through both as {@code quarry eval} does, nDCG@10
 * per mode. Run by {@code scripts/bench-solr [chunks, default 20000] [collection, default ../shared/eval/med]}.
 */
final class SolrBench {

    private static final Path CACHE = Path.of("target/bench");
    private static final Path NPL = Path.of("../shared/eval/npl");
    private static final IndexManifest MANIFEST = new IndexManifest(1, "bench", 384, "CLS", "", "", 512, 256, 32, true);
    private static final int CHUNKS_PER_DOCUMENT = 50;
    private static final int WRITERS = 2;
    private static final int ROUNDS = 3;

    private SolrBench() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path quality = Path.of(args.length > 1 ? args[1] : "../shared/eval/med");
        ScaleCorpus corpus = ScaleCorpus.load(NPL, CACHE);
        int[][] exact = corpus.exactTopK(chunks, CACHE);
        Path dir = Files.createTempDirectory("quarry-bench-solr-");
        try (SolrTestCluster cluster = SolrTestCluster.start()) {
            SolrSettings solr = new SolrSettings(cluster.urls(), 2, 1);
            System.out.printf("SolrCloud: %d nodes, collections of 2 shards with 1 replica each%n", cluster.urls().size());
            vectors(corpus, chunks, exact, dir.resolve("vectors"), solr);
            quality(BeirCollection.load(quality), dir.resolve("eval"), solr);
        } finally {
            deleteTree(dir);
        }
    }

    private static void vectors(ScaleCorpus corpus, int chunks, int[][] exact, Path dir, SolrSettings settings) throws Exception {
        try (LuceneChunkIndex lucene = LuceneChunkIndex.open(dir, MANIFEST, HnswSettings.DEFAULT);
             SolrChunkIndex solr = SolrChunkIndex.open(settings, "bench-vectors", MANIFEST, HnswSettings.DEFAULT)) {
            double luceneWrite = write(lucene, corpus, chunks);
            // As an ingest ends on each: Lucene merges into one segment, Solr merges by its own policy.
            lucene.mergeSegments().join();
            double solrWrite = write(solr, corpus, chunks);
            long luceneBytes = folderBytes(dir);
            long solrBytes = solr.bytes();
            float[][] queries = corpus.queryVectors();
            double[][] qps = new double[2][ROUNDS];
            double[] recall = new double[2];
            for (ChunkIndex index : List.of(lucene, solr)) {
                for (int w = 0; w < 50; w++) index.vectorSearch(queries[w], ScaleCorpus.K, ChunkFilter.NONE);
            }
            for (int round = 0; round < ROUNDS; round++) {
                int b = 0;
                for (ChunkIndex index : List.of(lucene, solr)) {
                    long started = System.nanoTime();
                    recall[b] = ScaleCorpus.recall(index, queries, exact, CHUNKS_PER_DOCUMENT);
                    qps[b][round] = queries.length / ((System.nanoTime() - started) / 1e9);
                    b++;
                }
            }
            double luceneQps = median(qps[0]);
            double solrQps = median(qps[1]);
            System.out.printf("%n%,d chunks of %d dimensions and about 1 KB of text, %d queries, k=%d, median of %d rounds%n",
                    chunks, MANIFEST.dimensions(), queries.length, ScaleCorpus.K, ROUNDS);
            System.out.printf("%-14s %10s %12s %10s %11s%n", "backend", "write s", "bytes/chunk", "recall@10", "vector q/s");
            System.out.printf("%-14s %10.0f %12d %10.4f %11.0f%n", "lucene", luceneWrite, luceneBytes / chunks, recall[0], luceneQps);
            System.out.printf("%-14s %10.0f %12d %10.4f %11.0f%n", "solr 2 shards", solrWrite, solrBytes / chunks, recall[1], solrQps);
            System.out.printf("%-14s %10.2f %12.2f %10.3f %11.2f%n", "solr / lucene", solrWrite / luceneWrite,
                    solrBytes / (double) luceneBytes, recall[1] / recall[0], solrQps / luceneQps);
        }
    }

    /** Writes the chunks a document at a time, as ingest does, from {@value #WRITERS} threads; seconds to commit. */
    private static double write(ChunkIndex index, ScaleCorpus corpus, int chunks) throws InterruptedException {
        int documents = chunks / CHUNKS_PER_DOCUMENT;
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int d = next.getAndIncrement(); d < documents; d = next.getAndIncrement()) {
                    index.replaceDocument(ScaleCorpus.docId(d), corpus.document(d, CHUNKS_PER_DOCUMENT));
                }
            }));
        }
        for (Thread t : writers) t.join();
        index.commit();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: wrote %,d chunks in %.0f s%n", index, chunks, seconds);
        return seconds;
    }

    /** The collection evaluated as {@code quarry eval} does with the default configuration, once in each backend. */
    private static void quality(BeirCollection collection, Path dir, SolrSettings solr) throws IOException {
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", dir.toString()));
        List<EvalRun> runs = EvalRun.standard(config.fusion());
        try (CollectionFactory factory = Quarry.factory(config, Map.of())) {
            Evaluator evaluator = factory.evaluator(config.embedding(), null, s -> { });
            EvalResult lucene = evaluator.evaluate(collection, runs);
            EvalResult inSolr = evaluator.evaluate(collection, runs, Evaluator.HitsSink.NONE,
                    manifest -> SolrChunkIndex.open(solr, "bench-" + collection.name(), manifest, config.hnsw()));
            System.out.printf("%n%s (%d documents, %d queries), nDCG@10 as `quarry eval` measures it%n", collection.name(),
                    collection.corpus().size(), collection.queries().size());
            System.out.printf("%-14s", "backend");
            for (EvalRun run : runs) System.out.printf(" %9s", run.name());
            System.out.printf("%n%-14s", "lucene");
            for (EvalRun run : runs) System.out.printf(" %9.4f", lucene.modes().get(run.name()).ndcgAt10());
            System.out.printf("%n%-14s", "solr 2 shards");
            for (EvalRun run : runs) System.out.printf(" %9.4f", inSolr.modes().get(run.name()).ndcgAt10());
            System.out.printf("%n%-14s", "difference");
            for (EvalRun run : runs) {
                System.out.printf(" %+9.4f", inSolr.modes().get(run.name()).ndcgAt10() - lucene.modes().get(run.name()).ndcgAt10());
            }
            System.out.println();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
