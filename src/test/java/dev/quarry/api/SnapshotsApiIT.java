package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.collection.SnapshotSource;
import dev.quarry.embed.Embedder;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.text.TextTokenizer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SampleQueries;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots over HTTP with the real model: one taken while an ingest runs restores into a new collection that
 * answers exactly as the collection did at that moment; a later snapshot stores about what the index grew by; a
 * damaged download is refused.
 */
class SnapshotsApiIT {

    @TempDir
    Path tmp;
    private Quarry quarry;
    private ApiServer server;
    private Http http;

    private HeldEmbedder held;

    @AfterEach
    void stop() {
        if (held != null) held.release();
        if (server != null) server.close();
        if (quarry != null) quarry.close();
    }

    @Test
    void a_snapshot_taken_during_an_ingest_restores_to_the_same_results_and_a_second_stores_only_what_is_new() throws Exception {
        Path roots = tmp.resolve("roots");
        Folders.copyTree(Folders.sampleCorpus(), roots.resolve("corpus"));
        for (int i = 0; i < 200; i++) {
            Folders.write(roots, "extra/note-" + i + ".md", "# Field note " + i + "\n\nObservation " + i + " of the survey: "
                    + "river gauge " + (i * 7 % 31) + " read " + (i * 13 % 97) + " centimetres after the storm of week " + (i % 52) + ".");
        }
        // No periodic commits: searches see exactly the last commit, which is what a snapshot pins.
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_PORT", "0",
                "QUARRY_INGEST_COMMIT_SECONDS", "3600"));
        quarry = Quarry.open(config, Map.of(), embedding -> held = new HeldEmbedder(embedding));
        quarry.defaultCollection().ingest(roots.resolve("corpus"), null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server(), new IngestRoots(List.of(roots))).start();
        http = new Http(server.port());

        // The ingest embeds two batches, then waits in the third while the snapshot is taken and searched.
        held.holdAfter(2);
        String job = http.postJson("/v1/ingest", Map.of("folder", "extra", "source", "extra")).json().get("id").asText();
        held.awaitHeld();
        Http.Response taken = http.post("/v1/collections/default/snapshots", "");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        JsonNode first = taken.json();
        List<String> atSnapshot = results("default");
        assertThat(http.get("/v1/ingest/" + job).json().get("state").asText()).as("the ingest still runs").isEqualTo("RUNNING");
        assertThat(first.get("documents").asInt()).isEqualTo(http.get("/v1/collections/default").json().get("documents").asInt())
                .isGreaterThanOrEqualTo(40).isLessThan(40 + 200);

        Http.Response restored = http.postJson("/v1/collections/default/snapshots/" + first.get("id").asText() + "/restore",
                Map.of("into", "restored"));
        assertThat(restored.status()).as(restored.body()).isEqualTo(201);
        assertThat(restored.json().get("documents").asInt()).isEqualTo(first.get("documents").asInt());
        List<String> fromRestored = results("restored");
        assertThat(fromRestored).hasSameSizeAs(atSnapshot);
        for (int i = 0; i < atSnapshot.size(); i++) {
            String[] was = atSnapshot.get(i).split(" ");
            String[] is = fromRestored.get(i).split(" ");
            assertThat(is[0] + " " + is[1]).isEqualTo(was[0] + " " + was[1]);
            // The same files give the same ranking; scores may differ in the last float bits, as the order in which the
            // JVM's vector instructions add up a dot product is not fixed (interpreted or compiled).
            assertThat(Double.parseDouble(is[2])).isCloseTo(Double.parseDouble(was[2]), within(1e-5));
        }

        held.release();
        Await.until("the ingest is done", () -> http.get("/v1/ingest/" + job).json().get("state").asText().equals("DONE"));
        JsonNode second = http.post("/v1/collections/default/snapshots", "").json();
        long grown = second.get("bytes").asLong() - first.get("bytes").asLong();
        assertThat(second.get("addedBytes").asLong()).isGreaterThan(0).isBetween(grown / 2, grown * 3 / 2 + 4_096)
                .isLessThan(second.get("bytes").asLong() / 2);
        assertThat(http.get("/v1/collections/default/snapshots").json().get("snapshots")).hasSize(2);

        byte[] archive = download(second.get("id").asText());
        assertThat(entries(archive)).startsWith("quarry-snapshot.json").endsWith("SHA256SUMS").contains("collection.json");
        archive[archive.length / 2] ^= 0x20;
        SnapshotSource damaged = new SnapshotSource.Archive(new ByteArrayInputStream(archive));
        assertThat(catchThrowable(() -> quarry.collections().restore(damaged, "damaged")))
                .hasMessageContaining("the snapshot archive is damaged and was not restored");
        assertThat(http.get("/v1/collections/damaged").status()).isEqualTo(404);
    }

    /** Each sample query's top ten chunks with their scores, in one collection: "query chunk score". */
    private List<String> results(String collection) {
        List<String> out = new ArrayList<>();
        for (SampleQueries.Query q : SampleQueries.load()) {
            JsonNode hits = http.postJson("/v1/search", Map.of("query", q.text(), "collection", collection, "k", 10)).json().get("hits");
            for (JsonNode hit : hits) out.add(q.id() + " " + hit.get("chunkId").asText() + " " + hit.get("score").asText());
        }
        return out;
    }

    private byte[] download(String id) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/collections/default/snapshots/" + id + "/download")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-tar");
        return response.body();
    }

    private static List<String> entries(byte[] archive) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) names.add(e.getName());
        }
        return names;
    }

    /** The real model, which can be made to wait in a passage batch: an ingest that is surely running, with no timing. */
    private static final class HeldEmbedder implements Embedder {

        private final Embedder model;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger batchesBeforeHold = new AtomicInteger(Integer.MAX_VALUE);

        HeldEmbedder(EmbeddingConfig embedding) {
            EmbeddingConfig.Onnx onnx = (EmbeddingConfig.Onnx) embedding;
            this.model = new OnnxEmbedder(onnx.model(), onnx.batchSize(), onnx.threads());
        }

        void holdAfter(int batches) {
            batchesBeforeHold.set(batches);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(reached.await(60, TimeUnit.SECONDS)).as("the ingest reached its held batch").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public float[][] embedPassages(List<String> passages) {
            if (batchesBeforeHold.getAndDecrement() <= 0) {
                reached.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return model.embedPassages(passages);
        }

        @Override
        public ModelInfo model() {
            return model.model();
        }

        @Override
        public float[] embedQuery(String query) {
            return model.embedQuery(query);
        }

        @Override
        public TextTokenizer tokenizer() {
            return model.tokenizer();
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
