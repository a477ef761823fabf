package dev.quarry.api;

import dev.quarry.testing.FakeEmbedder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.FolderWatcher;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest jobs over HTTP, on a folder full of the things real folders contain; a fake model embeds. */
class IngestApiTest {

    @TempDir
    Path tmp;

    @Test
    void a_messy_folder_is_ingested_with_every_bad_file_skipped_for_a_reason() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path docs = Files.createDirectories(root.resolve("docs"));
        Folders.write(docs, "good.md", "# Sourdough\n\nFeed the starter daily.");
        Folders.write(docs, "good.txt", "Meteor showers\n\nThe Perseids peak in August.");
        Folders.write(docs, "a/b/c/d/e/f/g/h/deep.html", "<title>Deep</title><p>A page in a very deep folder.</p>");
        Files.write(docs.resolve("good.pdf"), SampleDocuments.pdf("Chains", List.of(
                new SampleDocuments.Part("Chain care", List.of("Oil the chain every few hundred kilometres."))), null));
        Files.write(docs.resolve("good.docx"), SampleDocuments.docx("Tyres", List.of(
                new SampleDocuments.Part("Pressure", List.of("Wider tyres need less pressure.")))));
        Folders.write(docs, "empty.txt", "");
        Files.write(docs.resolve("photo.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        Folders.write(docs, "broken.pdf", "%PDF-1.4 not really");
        Files.write(docs.resolve("locked.pdf"), SampleDocuments.pdf("Secret", List.of(
                new SampleDocuments.Part("Hidden", List.of("Nobody may read this."))), "pw"));
        Folders.write(docs, "huge.txt", "x ".repeat(40_000));
        Files.createSymbolicLink(docs.resolve("loop"), docs);

        Map<String, String> env = new HashMap<>(Map.of("QUARRY_DATA", tmp.resolve("data").toString(),
                "QUARRY_INGEST_MAX_FILE_BYTES", "50000"));
        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(root))).start()) {
            Http http = new Http(server.port());

            Http.Response started = http.postJson("/v1/ingest", Map.of("folder", "docs"));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            JsonNode job = waitForJob(http, started.json().get("id").asText());

            assertThat(job.get("state").asText()).isEqualTo("DONE");
            JsonNode report = job.get("report");
            assertThat(report.get("added").asInt()).isEqualTo(5);
            Map<String, String> skipped = new HashMap<>();
            report.get("skipped").forEach(s -> skipped.put(s.get("path").asText(), s.get("reason").asText()));
            assertThat(skipped).containsEntry("docs/empty.txt", "no text to index")
                    .containsEntry("docs/photo.txt", "cannot parse: binary content, not text")
                    .containsEntry("docs/locked.pdf", "cannot parse: password-protected PDF")
                    .containsEntry("docs/loop", "symbolic link (not followed)");
            assertThat(skipped.get("docs/broken.pdf")).startsWith("cannot parse: corrupt or unreadable PDF");
            assertThat(skipped.get("docs/huge.txt")).startsWith("larger than ingest.maxFileBytes");
            assertThat(quarry.defaultCollection().index().documentHashes()).containsOnlyKeys("docs/good.md", "docs/good.txt",
                    "docs/a/b/c/d/e/f/g/h/deep.html", "docs/good.pdf", "docs/good.docx");
            assertThat(quarry.defaultCollection().index().documentChunks("docs/good.pdf").getFirst().page()).isEqualTo(1);
        }
    }

    /**
     * API ingests and watcher syncs of one folder, racing with edits, go through one writer: once the edits stop, the
     * index holds every file's latest version without any further change to the folder.
     */
    @Test
    void api_ingests_and_watcher_syncs_never_leave_a_file_at_older_content() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        int files = 30;
        for (int f = 0; f < files; f++) Folders.write(docs, "f" + f + ".md", "# File " + f + "\n\nversion 0 of file " + f);
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(docs))).start()) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            Http http = new Http(server.port());
            try (FolderWatcher ignored = quarry.defaultCollection().watch(docs, null, Duration.ofMillis(50), r -> { })) {
                int last = 4;
                for (int version = 1; version <= last; version++) {
                    for (int f = 0; f < files; f++) Folders.write(docs, "f" + f + ".md", "# File " + f + "\n\nversion " + version + " of file " + f);
                    assertThat(http.postJson("/v1/ingest", Map.of("folder", docs.toString())).status()).isEqualTo(202);
                }
                Await.until("every file is at version " + last, () -> {
                    for (int f = 0; f < files; f++) {
                        var chunks = quarry.defaultCollection().index().documentChunks("f" + f + ".md");
                        if (chunks.isEmpty() || !chunks.getLast().text().contains("version " + last + " ")) return false;
                    }
                    return true;
                });
            }
        }
    }

    @Test
    void a_delete_behind_a_running_write_is_accepted_and_done_when_that_write_ends() throws Exception {
        Path docs = Folders.write(tmp, "docs/a.md", "# A\n\nAbout rivers.").getParent();
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(docs))).start()) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            CountDownLatch release = new CountDownLatch(1);
            quarry.defaultCollection().writes().submit(() -> {
                try {
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            Http.Response accepted = new Http(server.port()).request("DELETE", "/v1/documents/a.md", null);

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(quarry.defaultCollection().index().documentHashes()).containsKey("a.md");
            release.countDown();
            Await.until("the delete ran after the write ahead of it", () -> quarry.defaultCollection().index().documentHashes().isEmpty());
        }
    }

    @Test
    void folders_outside_the_roots_are_forbidden() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(tmp.resolve("private"));
        Files.createSymbolicLink(root.resolve("link-out"), tmp.resolve("private"));
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(root))).start()) {
            Http http = new Http(server.port());
            for (String folder : List.of("../private", tmp.resolve("private").toString(), "link-out", "/etc")) {
                Http.Response r = http.postJson("/v1/ingest", Map.of("folder", folder));
                assertThat(r.status()).as(folder).isEqualTo(403);
                assertThat(r.json().get("field").asText()).isEqualTo("folder");
            }
            Http.Response missing = http.postJson("/v1/ingest", Map.of("folder", "missing"));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("field").asText()).isEqualTo("folder");
            assertThat(missing.json().get("detail").asText()).contains("does not exist in any ingest root", root.toRealPath().toString());
            assertThat(http.get("/v1/ingest/no-such-job").status()).isEqualTo(404);
        }
    }

    /** A server started beside {@code sample-corpus} with it as its root is asked for it by the name the user sees. */
    @Test
    void a_relative_folder_is_found_under_any_root_or_as_a_root_by_its_name() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path corpus = Files.createDirectories(tmp.resolve("sample-corpus"));
        Folders.write(corpus, "cooking/bread.md", "# Bread\n\nFeed the starter daily.");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(other, corpus))).start()) {
            Http http = new Http(server.port());

            Http.Response byName = http.postJson("/v1/ingest", Map.of("folder", "sample-corpus"));
            assertThat(byName.status()).as(byName.body()).isEqualTo(202);
            assertThat(waitForJob(http, byName.json().get("id").asText()).get("state").asText()).isEqualTo("DONE");
            assertThat(quarry.defaultCollection().index().documentHashes()).containsOnlyKeys("cooking/bread.md");

            Http.Response underSecondRoot = http.postJson("/v1/ingest", Map.of("folder", "cooking"));
            assertThat(underSecondRoot.status()).as(underSecondRoot.body()).isEqualTo(202);
            waitForJob(http, underSecondRoot.json().get("id").asText());
        }
    }

    private static JsonNode waitForJob(Http http, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = http.get("/v1/ingest/" + id).json();
            String state = job.get("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("ingest job " + id + " did not finish in 60 s");
    }

    @Test
    void an_ingest_over_the_collections_disk_limit_is_a_507_problem_before_anything_is_queued() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Folders.write(root, "docs/big.md", "# Big\n\n" + "Words to index. ".repeat(500));
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString(),
                "QUARRY_DISK_MAX_BYTES_PER_COLLECTION", "5000"));
        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(root))).start()) {
            Http http = new Http(server.port());
            Http.Response refused = http.postJson("/v1/ingest", Map.of("folder", "docs"));
            assertThat(refused.status()).isEqualTo(507);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("title").asText()).isEqualTo("Insufficient storage");
            assertThat(refused.json().get("detail").asText()).contains("over its limit of 5000 bytes", "Nothing was written");
            assertThat(http.get("/v1/ingest").json().get("jobs")).isEmpty();
            assertThat(quarry.defaultCollection().index().documentHashes()).isEmpty();
        }
    }
}
