package dev.quarry.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak behind {@code scripts/soak}: a real server process under 32-connection search load while an API ingest of
 * a few hundred files and edits in its watched folder run; then SIGKILL in the middle of an ingest, a restart, and a
 * file-by-file check of the index against the folder. Prints the figures for BENCHMARKS.md; exits 1 on any loss.
 */
public final class SoakRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 32;

    public static void main(String[] args) throws Exception {
        BeirCollection corpus = BeirCollection.load(Path.of(args.length > 0 ? args[0] : "../shared/eval/npl"));
        int bulkFiles = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = Files.createTempDirectory("quarry-soak");
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int i = 0; i < 20; i++) writeLive(docs, i, 0);
        int port = freePort();
        Map<String, String> env = Map.of("QUARRY_DATA", work.resolve("data").toString(),
                "QUARRY_CONFIG", Files.writeString(work.resolve("quarry.yaml"), "").toString());

        Process server = ServerProcess.start(work, env, "first", "serve", "--port", Integer.toString(port), "--ingest", docs.toString(), "--watch");
        ServerProcess.awaitReady(server, port);
        List<String> queries = new ArrayList<>(corpus.queries().values());

        AtomicBoolean editing = new AtomicBoolean(true);
        AtomicInteger edits = new AtomicInteger();
        Thread editor = Thread.ofVirtual().start(() -> edit(docs, editing, edits));
        Thread bulk = Thread.ofVirtual().start(() -> {
            writeBulk(docs, corpus, bulkFiles, "v1");
            post(port, "/v1/ingest", "{\"folder\":" + JSON.valueToTree(docs.resolve("bulk").toString()) + "}");
        });
        SearchLoad.Result load = new SearchLoad(port, queries).run(CONNECTIONS, LOAD);
        bulk.join();
        long peakRss = ServerProcess.peakRssBytes(server);

        // The edits stop first, so that a watcher sync does not take the new versions before the API job does.
        editing.set(false);
        editor.join();
        String killedAt = null;
        for (int version = 2; killedAt == null; version++) {
            if (version > 5) throw new IllegalStateException("no ingest could be caught running to kill it");
            writeBulk(docs, corpus, bulkFiles, "v" + version);
            String job = post(port, "/v1/ingest", "{\"folder\":" + JSON.valueToTree(docs.resolve("bulk").toString()) + "}").get("id").asText();
            killedAt = awaitProgress(port, job, bulkFiles);
        }
        server.destroyForcibly().waitFor();

        Process restarted = ServerProcess.start(work, env, "restart", "serve", "--port", Integer.toString(port), "--ingest", docs.toString());
        ServerProcess.awaitReady(restarted, port);
        Verification verified = verify(work.resolve("data"), docs);
        restarted.destroy();
        restarted.waitFor();

        System.out.printf("soak: %d s of %d-connection search load during an API ingest of %d files and %d watched-folder edits%n",
                LOAD.toSeconds(), CONNECTIONS, bulkFiles, edits.get());
        System.out.printf("requests %d, statuses %s, non-2xx other than 429: %d, errors %d, p50 %.1f ms, p99 %.1f ms%n",
                load.requests(), load.statuses(), load.non2xx(429), load.errors(), load.p50Ms(), load.p99Ms());
        long syncs;
        try (var lines = Files.lines(work.resolve("server-first.log"))) {
            syncs = lines.filter(l -> l.contains("Synced:")).count();
        }
        System.out.printf("server peak RSS %d MB; watcher syncs during the run: %d%n", peakRss >> 20, syncs);
        System.out.printf("SIGKILL during an ingest at %s; restarted with serve --ingest%n", killedAt);
        System.out.printf("index verified: %d files, %d missing, %d stale, %d duplicated%n", verified.files(),
                verified.missing(), verified.stale(), verified.duplicated());
        System.out.println("logs: " + work);
        boolean clean = load.non2xx(429) == 0 && load.errors() == 0 && verified.missing() + verified.stale() + verified.duplicated() == 0;
        System.exit(clean ? 0 : 1);
    }

    private record Verification(int files, int missing, int stale, int duplicated) {
    }

    /** The index against the folder, file by file: every file once, at the content it has now. */
    private static Verification verify(Path data, Path docs) throws IOException {
        Map<String, String> expected = new HashMap<>();
        Parsers parsers = new Parsers();
        for (Path file : new FolderWalker(f -> parsers.forFile(f).isPresent()).walk(docs, docs).files()) {
            expected.put(DocumentIds.relative(docs, file), ContentHash.of(Files.readAllBytes(file)));
        }
        try (OnnxEmbedder model = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 1, 1);
             LuceneChunkIndex index = LuceneChunkIndex.openReadOnly(new IndexLocation(data, "default").current(),
                     IndexManifest.of(model.model(), ChunkSettings.DEFAULT))) {
            Map<String, String> indexed = index.documentHashes();
            int missing = 0;
            int stale = 0;
            for (var e : expected.entrySet()) {
                String hash = indexed.get(e.getKey());
                if (hash == null) missing++;
                else if (!hash.equals(e.getValue())) stale++;
            }
            Set<String> chunkIds = new HashSet<>();
            Map<String, Set<String>> hashesByDoc = new HashMap<>();
            int[] duplicated = {0};
            index.forEachChunk(c -> {
                if (!chunkIds.add(c.chunkId())) duplicated[0]++;
                hashesByDoc.computeIfAbsent(c.docId(), d -> new HashSet<>()).add(c.contentHash());
            });
            duplicated[0] += (int) hashesByDoc.values().stream().filter(h -> h.size() > 1).count();
            stale += (int) indexed.keySet().stream().filter(id -> !expected.containsKey(id)).count();
            return new Verification(expected.size(), missing, stale, duplicated[0]);
        }
    }

    /** Where the job is once a tenth of it is done, or null when it finished first (a watcher sync did the work). */
    private static String awaitProgress(int port, String job, int total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get(port, "/v1/ingest/" + job);
            int done = status.path("filesDone").asInt();
            if (status.path("state").asText().equals("RUNNING") && done >= total / 10) return done + "/" + total + " files";
            if (status.path("state").asText().equals("DONE")) return null;
            Thread.sleep(50);
        }
        throw new IllegalStateException("the ingest made no progress in 10 minutes");
    }

    private static void edit(Path docs, AtomicBoolean editing, AtomicInteger edits) {
        Random random = new Random(42);
        try {
            while (editing.get()) {
                int n = edits.incrementAndGet();
                if (n % 10 == 0) Files.writeString(docs.resolve("live/new-" + n + ".md"), "# New " + n + "\n\nA note added during the soak.");
                else if (n % 15 == 0) Files.deleteIfExists(docs.resolve("live/new-" + (n - 5) + ".md"));
                else writeLive(docs, random.nextInt(20), n);
                Thread.sleep(250);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("editing the watched folder failed", e);
        }
    }

    private static void writeLive(Path docs, int file, int edit) throws IOException {
        Files.createDirectories(docs.resolve("live"));
        Files.writeString(docs.resolve("live/note-" + file + ".md"), "# Live note " + file + "\n\nEdit " + edit
                + " of a note that changes while the server serves searches about plasma and electrons.");
    }

    private static void writeBulk(Path docs, BeirCollection corpus, int files, String version) {
        try {
            Files.createDirectories(docs.resolve("bulk"));
            for (int i = 0; i < files; i++) {
                BeirCollection.Doc d = corpus.corpus().get(i % corpus.corpus().size());
                Files.writeString(docs.resolve("bulk/" + d.id() + "-" + i + ".txt"), version + " " + d.title() + "\n\n" + d.text());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode post(int port, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) throw new IllegalStateException(request.uri() + " answered " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
