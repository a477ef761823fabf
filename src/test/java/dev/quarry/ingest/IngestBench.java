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
import java.util.Comparator;
import java.util.List;

/**
 * End-to-end ingest throughput against the embedder alone on the same chunks, in one run: the first N documents of
 * a BEIR collection written out as text files, ingested through the real pipeline; then the same chunk texts
 * embedded directly in the same batch sizes. Run by {@code scripts/bench-ingest}.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        Path collection = Path.of(args.length > 0 ? args[0] : "../shared/eval/npl");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        BeirCollection c = BeirCollection.load(collection);
        Path folder = Files.createTempDirectory("quarry-bench-ingest");
        List<BeirCollection.Doc> docs = c.corpus().subList(0, Math.min(n, c.corpus().size()));
        for (BeirCollection.Doc d : docs) Files.writeString(folder.resolve(d.id() + ".txt"), (d.title() + "\n\n" + d.text()).strip());
        int threads = Runtime.getRuntime().availableProcessors();
        IngestSettings settings = IngestSettings.DEFAULT;

        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 32, threads)) {
            embedder.embedPassages(List.of("warm up the model", "and its tokenizer"));
            Path indexDir = Files.createTempDirectory("quarry-bench-index");
            HeapPeaks.reset();
            long started = System.nanoTime();
            IngestReport report;
            try (LuceneChunkIndex index = LuceneChunkIndex.open(indexDir, IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT))) {
                report = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, settings, Clock.systemUTC())
                        .ingest(folder, IngestProgress.NONE);
            }
            double pipelineSeconds = (System.nanoTime() - started) / 1e9;
            long peak = HeapPeaks.bytes();

            List<List<String>> batches = sameBatches(folder, embedder, settings.embedBatch());
            int chunks = batches.stream().mapToInt(List::size).sum();
            started = System.nanoTime();
            for (List<String> batch : batches) embedder.embedPassages(batch);
            double embedSeconds = (System.nanoTime() - started) / 1e9;

            double pipelineRate = report.chunksEmbedded() / pipelineSeconds;
            double embedRate = chunks / embedSeconds;
            System.out.printf("%d documents (%s), %d chunks, model %s, %d threads%n", docs.size(), c.name(), chunks,
                    embedder.model().id(), threads);
            System.out.printf("end-to-end ingest: %.1f s, %.1f chunks/s; peak heap %.0f MiB%n", pipelineSeconds, pipelineRate, peak / 1048576.0);
            System.out.printf("embedder alone:    %.1f s, %.1f chunks/s%n", embedSeconds, embedRate);
            System.out.printf("ratio ingest / embedder: %.3f (target >= 0.85)%n", pipelineRate / embedRate);
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
