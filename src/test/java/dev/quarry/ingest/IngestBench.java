package dev.quarry.ingest;

import dev.quarry.chunk.Chunk;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.chunk.Chunker;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.HeapPeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * End-to-end ingest throughput, in one run: the first N documents of a BEIR collection written out as text files and
 * ingested through the real pipeline with each of two embedding batch sizes ({@code ingest.embedBatch}), in the order
 * a, b, b, a so that a drifting load weighs on both alike; then the same chunk texts embedded directly in the default
 * batches, against the pipeline with the default. Run by {@code scripts/bench-ingest}.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        Path collection = Path.of(args.length > 0 ? args[0] : "../shared/eval/npl");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int[] sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {64, 256};
        BeirCollection c = BeirCollection.load(collection);
        Path folder = Files.createTempDirectory("quarry-bench-ingest");
        List<BeirCollection.Doc> docs = c.corpus().subList(0, Math.min(n, c.corpus().size()));
        for (BeirCollection.Doc d : docs) Files.writeString(folder.resolve(d.id() + ".txt"), (d.title() + "\n\n" + d.text()).strip());
        int threads = Runtime.getRuntime().availableProcessors();
        int defaultBatch = IngestSettings.DEFAULT.embedBatch();

        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 32, threads)) {
            embedder.embedPassages(List.of("warm up the model", "and its tokenizer"));
            double[] seconds = new double[sizes.length];
            long[] peaks = new long[sizes.length];
            long chunksEmbedded = 0;
            for (int i : new int[] {0, 1, 1, 0}) {
                HeapPeaks.reset();
                long started = System.nanoTime();
                chunksEmbedded = ingest(folder, embedder, sizes[i]).chunksEmbedded();
                seconds[i] += (System.nanoTime() - started) / 1e9;
                peaks[i] = Math.max(peaks[i], HeapPeaks.bytes());
            }
            System.out.printf("%d documents (%s), %d chunks, model %s, %d threads; each batch size twice (a, b, b, a)%n",
                    docs.size(), c.name(), chunksEmbedded, embedder.model().id(), threads);
            for (int i = 0; i < sizes.length; i++) {
                System.out.printf("ingest.embedBatch %4d: %.1f s, %.1f chunks/s, peak heap %.0f MiB%n", sizes[i], seconds[i] / 2,
                        2 * chunksEmbedded / seconds[i], peaks[i] / 1048576.0);
            }
            System.out.printf("batch %d speed / batch %d speed: %.3f%n", sizes[1], sizes[0], seconds[0] / seconds[1]);

            List<List<String>> batches = sameBatches(folder, embedder, defaultBatch);
            int chunks = batches.stream().mapToInt(List::size).sum();
            long started = System.nanoTime();
            for (List<String> batch : batches) embedder.embedPassages(batch);
            double embedSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            ingest(folder, embedder, defaultBatch);
            double pipelineSeconds = (System.nanoTime() - started) / 1e9;
            double pipelineRate = chunksEmbedded / pipelineSeconds;
            double embedRate = chunks / embedSeconds;
            System.out.printf("default batch %d: end-to-end ingest %.1f s, %.1f chunks/s; embedder alone %.1f s, %.1f chunks/s%n",
                    defaultBatch, pipelineSeconds, pipelineRate, embedSeconds, embedRate);
            System.out.printf("ratio ingest / embedder: %.3f (target >= 0.85)%n", pipelineRate / embedRate);
        }
    }

    private static IngestReport ingest(Path folder, OnnxEmbedder embedder, int embedBatch) throws Exception {
        IngestSettings settings = new IngestSettings(IngestSettings.DEFAULT.maxFileBytes(), embedBatch,
                IngestSettings.DEFAULT.commitInterval());
        Path indexDir = Files.createTempDirectory("quarry-bench-index");
        try (LuceneChunkIndex index = LuceneChunkIndex.open(indexDir, IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT))) {
            return new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, settings, Clock.systemUTC())
                    .ingest(folder, IngestProgress.NONE);
        }
    }

    /** The chunks the pipeline embeds, grouped as DocumentWriter groups them: whole files up to the batch size, sorted by length. */
    private static List<List<String>> sameBatches(Path folder, OnnxEmbedder embedder, int batchChunks) throws Exception {
        Parsers parsers = new Parsers();
        Chunker chunker = new Chunker(embedder.tokenizer(), ChunkSettings.DEFAULT);
        List<Path> files;
        try (var paths = Files.list(folder)) {
            files = paths.sorted().toList();
        }
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (Path f : files) {
            for (Chunk chunk : chunker.chunk(parsers.forFile(f).orElseThrow().parse(f, Files.readAllBytes(f)))) batch.add(chunk.embedText());
            if (batch.size() >= batchChunks) {
                batch.sort(Comparator.comparingInt(String::length));
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) batches.add(batch);
        return batches;
    }
}
