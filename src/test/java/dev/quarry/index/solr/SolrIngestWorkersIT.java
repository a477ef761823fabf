package dev.quarry.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.testing.Folders;
import dev.quarry.testing.SolrTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Quarry instances, each with a data folder and a model of its own, as ingest workers on two machines would be,
 * fill one Solr collection at the same time from folders that overlap: a document ingested by both is there once,
 * whole, and nothing either ingested is lost. What makes it so: a chunk's Solr id is its document's id and its
 * number, so a second write of a document replaces the first, and each worker keeps the sources the other recorded.
 */
class SolrIngestWorkersIT {

    private static final String COLLECTION = "workers";
    /** Both workers ingest gardening first and cycling last, at about the same time. */
    private static final List<String> FIRST = List.of("gardening", "cooking", "cycling");
    private static final List<String> SECOND = List.of("gardening", "music-theory", "cycling");

    private final List<Path> dataFolders = new ArrayList<>();

    @Test
    void two_workers_on_overlapping_folders_leave_each_document_once_and_lose_none() throws Exception {
        Path corpus = Folders.sampleCorpus();
        try (Quarry first = worker(); Quarry second = worker()) {
            CompletableFuture<List<IngestReport>> a = CompletableFuture.supplyAsync(() -> ingest(first, corpus, FIRST));
            CompletableFuture<List<IngestReport>> b = CompletableFuture.supplyAsync(() -> ingest(second, corpus, SECOND));
            List<IngestReport> reports = new ArrayList<>(a.join());
            reports.addAll(b.join());

            assertThat(reports).allSatisfy(r -> assertThat(r.skipped()).isEmpty());
            ChunkIndex index = second.defaultCollection().index();
            Map<String, String> hashes = index.documentHashes();
            assertThat(hashes.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds(corpus));
            int chunks = 0;
            for (String docId : hashes.keySet()) {
                List<IndexedChunk> whole = index.documentChunks(docId);
                for (int i = 0; i < whole.size(); i++) {
                    assertThat(ChunkIds.urlSafe(whole.get(i).chunkId())).isEqualTo(ChunkIds.of(docId, i));
                    assertThat(whole.get(i).contentHash()).as(docId).isEqualTo(hashes.get(docId));
                }
                chunks += whole.size();
            }
            assertThat(index.stats().chunks()).isEqualTo(chunks);
            assertThat(index.stats().documents()).isEqualTo(hashes.size());
        }

        // A third worker that starts now knows every source, and finds every folder ingested already.
        try (Quarry third = worker()) {
            assertThat(third.defaultCollection().index().sources().keySet())
                    .containsExactlyInAnyOrder("gardening", "cooking", "cycling", "music-theory");
            for (IngestReport again : ingest(third, corpus, List.of("gardening", "cooking", "cycling", "music-theory"))) {
                assertThat(again.added() + again.updated() + again.deleted()).as(again.root()).isZero();
            }
        }
    }

    private Quarry worker() throws IOException {
        Path data = Files.createTempDirectory("quarry-solr-worker-");
        dataFolders.add(data);
        Path yaml = Folders.write(data, "quarry.yaml", "collection: " + COLLECTION + "\ncollections:\n  - name: "
                + COLLECTION + "\n    backend: solr\n    solr: {urls: '" + String.join(", ", SolrTestCluster.shared().urls())
                + "', shards: 2, replicas: 2}\n");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", yaml.toString(),
                "QUARRY_DATA", data.resolve("data").toString()));
        return Quarry.open(config, Map.of());
    }

    /** Each folder as a source named after it, as {@code quarry ingest <folder> --source <name>} does. */
    private static List<IngestReport> ingest(Quarry worker, Path corpus, List<String> folders) {
        List<IngestReport> reports = new ArrayList<>();
        for (String folder : folders) {
            reports.add(worker.defaultCollection().ingest(corpus.resolve(folder), folder, IngestProgress.NONE, () -> false));
        }
        return reports;
    }

    /** The id of every file of the folders the workers ingested. */
    private static Set<String> expectedIds(Path corpus) throws IOException {
        Set<String> ids = new TreeSet<>();
        Map<String, Path> roots = new HashMap<>();
        for (String folder : FIRST) roots.put(folder, corpus.resolve(folder));
        for (String folder : SECOND) roots.put(folder, corpus.resolve(folder));
        for (var root : roots.entrySet()) {
            try (Stream<Path> files = Files.walk(root.getValue())) {
                files.filter(Files::isRegularFile).forEach(f -> ids.add(root.getKey() + "/" + root.getValue().relativize(f).toString().replace('\\', '/')));
            }
        }
        return ids;
    }

    @AfterEach
    void deleteCollectionAndData() throws IOException {
        SolrChunkIndex.deleteCollection(new SolrSettings(SolrTestCluster.shared().urls(), 2, 2), COLLECTION);
        for (Path data : dataFolders) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
