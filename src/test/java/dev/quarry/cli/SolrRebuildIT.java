package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrSettings;
import dev.quarry.testing.Await;
import dev.quarry.testing.Backend;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SolrAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry ingest --rebuild} on a Solr-backed collection while a server searches it: the new build fills a new
 * Solr collection and the alias named after the collection moves to it, so no search fails or comes back empty, and
 * afterwards the server answers from the new build. The first rebuild also moves a collection created before
 * rebuilds (a Solr collection of the collection's own name) under an alias.
 */
class SolrRebuildIT {

    private static final String NAME = "rebuilt";
    /**
     * Not {@link #NAME}: Solr keeps the schema of a configset it has loaded by name, so a configset deleted and
     * uploaded again with other dimensions would be read as the old one.
     */
    private static final String DELETED = "rebuilt-deleted";

    @TempDir
    Path tmp;

    @Test
    void searches_go_on_through_two_rebuilds_and_then_find_the_new_build() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.");
        Folders.write(docs, "stars.md", "# Meteor showers\n\nThe Perseids peak in August; find a dark sky.");
        Folders.write(docs, "bikes.md", "# Winter riding\n\nWear wool gloves and fit studded tyres for icy roads.");
        Map<String, String> env = Backend.SOLR.env(tmp, NAME, "");
        Captured first = Captured.run(env, "ingest", docs.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        SolrAdmin solr = new SolrAdmin(Backend.settings());
        assertThat(solr.collections()).contains(NAME);

        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.open(config); ApiServer server = new ApiServer(quarry, config.server().withPort(0)).start()) {
            Http http = new Http(server.port());
            Folders.write(docs, "bread.md", "# Rye bread\n\nRye dough needs a long, slow proof.");
            Files.delete(docs.resolve("stars.md"));
            try (Searching searching = new Searching(http)) {
                rebuild(env, docs, searching);
                assertThat(solr.aliases()).containsEntry(NAME, NAME + ".1");
                assertThat(solr.collections()).doesNotContain(NAME);

                rebuild(env, docs, searching);
                assertThat(solr.aliases()).containsEntry(NAME, NAME + ".2");
                assertThat(solr.collections()).doesNotContain(NAME + ".1");
            }

            assertThat(http.get("/v1/documents/stars.md").status()).isEqualTo(404);
            assertThat(http.get("/v1/documents/bread.md").json().get("chunks").get(0).get("text").asText()).contains("Rye dough");
            assertThat(http.get("/readyz").json().get("documents").asInt()).isEqualTo(2);
            Http.Response reindex = http.postJson("/v1/collections/" + NAME + "/reindex", Map.of());
            assertThat(reindex.status()).isEqualTo(409);
            assertThat(reindex.json().get("field").asText()).isEqualTo("backend");
            assertThat(reindex.json().get("detail").asText()).contains("--rebuild");
            // The rebuilt collection's manifest document records its source, as the first one did.
            assertThat(quarry.defaultCollection().index().sources()).containsValue(docs.toRealPath().toString());

            // A source another worker recorded, whose folder this machine lacks: the rebuild fails, and leaves nothing.
            quarry.defaultCollection().index().source("elsewhere", tmp.resolve("not-mounted").toString());
            quarry.defaultCollection().index().commit();
            Captured failed = Captured.run(env, "ingest", docs.toString(), "--rebuild");
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).contains("not-mounted");
            assertThat(solr.aliases()).containsEntry(NAME, NAME + ".2");
            assertThat(solr.collections()).doesNotContain(NAME + ".3");
            assertThat(http.get("/readyz").json().get("documents").asInt()).isEqualTo(2);
        }
    }

    /** Rebuilds while {@code searching} searches, and checks that it searched during the rebuild and never failed. */
    private static void rebuild(Map<String, String> env, Path docs, Searching searching) throws InterruptedException {
        int before = searching.count();
        Captured rebuilt = Captured.run(env, "ingest", docs.toString(), "--rebuild");
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        int after = searching.count();
        assertThat(after).as("searches during the rebuild").isGreaterThan(before);
        searching.awaitMore(after + 2);
        assertThat(searching.failures()).isEmpty();
    }

    @Test
    void deleting_a_rebuilt_collection_deletes_its_alias_and_every_solr_collection_of_it() {
        SolrSettings settings = Backend.settings();
        SolrAdmin solr = new SolrAdmin(settings);
        // The generation the alias points to, and one a rebuild that did not finish left.
        IndexManifest manifest = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
        SolrChunkIndex.open(settings, DELETED + ".1", manifest, HnswSettings.DEFAULT).close();
        SolrChunkIndex.open(settings, DELETED + ".2", manifest, HnswSettings.DEFAULT).close();
        solr.alias(DELETED, DELETED + ".1");

        SolrChunkIndex.deleteCollection(settings, DELETED);

        assertThat(solr.aliases()).doesNotContainKey(DELETED);
        assertThat(solr.collections()).doesNotContain(DELETED + ".1", DELETED + ".2");
        assertThat(solr.configsets()).doesNotContain("quarry-" + DELETED + ".1", "quarry-" + DELETED + ".2");
    }

    @AfterEach
    void deleteCollections() {
        Backend.SOLR.delete(NAME, DELETED);
    }

    /** Searches the server over and over on a thread of its own, noting every answer that is not a hit. */
    private static final class Searching implements AutoCloseable {

        private final Http http;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger count = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Searching(Http http) {
            this.http = http;
            this.thread = Thread.ofPlatform().name("searching").start(this::run);
        }

        private void run() {
            while (!stop.get()) {
                Http.Response r = http.postJson("/v1/search", Map.of("query", "studded tyres for icy roads", "k", 3));
                if (r.status() != 200 || r.json().get("hits").isEmpty()) failures.add(r.status() + " " + r.body());
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }

        List<String> failures() {
            return failures;
        }

        void awaitMore(int searches) throws InterruptedException {
            Await.until(searches + " searches", () -> count.get() >= searches);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
