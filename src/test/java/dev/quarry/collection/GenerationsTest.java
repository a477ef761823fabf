package dev.quarry.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.Quarry;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.Pooling;
import dev.quarry.error.QuarryException;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.TuningChoice;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reindexing, rollback and generation bookkeeping of a served collection, with fake models named like the bundled ones. */
class GenerationsTest {

    private static final String OTHER = "all-minilm-l6-v2";

    @TempDir
    Path tmp;
    private Quarry quarry;
    private Path docs;
    private Collection docsCollection;

    /** A fake model reporting the id of the model it stands in for, so manifests name real model ids. */
    private static final class Named extends FakeEmbedder {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo(id, DIMENSIONS, Pooling.MEAN, "", "", 512);
        }
    }

    @BeforeEach
    void open() {
        docs = tmp.resolve("docs");
        Folders.write(docs, "vacuum.md", "# Vacuum\n\nVacuum reclaims storage held by dead rows after updates.");
        Folders.write(docs, "backup.md", "# Backup\n\nA dump file restores the database after a disk failure.");
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
        quarry = Quarry.open(config, Map.of(), embedding -> new Named(embedding.modelId()));
        docsCollection = quarry.collections().create(quarry.collections().describe("docs", null, null));
        docsCollection.ingest(docs, null, IngestProgress.NONE, () -> false);
    }

    @AfterEach
    void close() {
        quarry.close();
    }

    private Generations generations() {
        return quarry.collections().generations();
    }

    private Reindexer.Status awaitDone(Reindexer.Status started) throws InterruptedException {
        Await.until("reindex finished", () -> generations().job("docs", started.id()).orElseThrow().state()
                .compareTo(Reindexer.State.RUNNING) > 0);
        Reindexer.Status done = generations().job("docs", started.id()).orElseThrow();
        assertThat(done.error()).isNull();
        assertThat(done.state()).isEqualTo(Reindexer.State.DONE);
        return done;
    }

    private static SearchQuery query(String text) {
        return new SearchQuery(text, 5, 0, SearchMode.VECTOR, null, null, null, 0, false, false, TuningChoice.ACTIVE);
    }

    @Test
    void a_reindex_swaps_in_the_new_model_and_keeps_the_old_generation_for_rollback() throws Exception {
        Reindexer.Status done = awaitDone(generations().reindex("docs", OTHER, new ChunkSettings(64, 8, true)));

        assertThat(done.phase()).isEqualTo(Reindexer.Phase.SWAPPED);
        assertThat(done.generation()).isEqualTo(2);
        assertThat(done.previous()).isEqualTo(1);
        assertThat(docsCollection.embedder().model().id()).isEqualTo(OTHER);
        assertThat(docsCollection.generation()).isEqualTo(2);
        assertThat(docsCollection.stats().documents()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("data/docs/collection.json"))).contains(OTHER).contains("\"maxTokens\" : 64");
        assertThat(generations().list("docs")).extracting(Generations.Info::number, Generations.Info::model,
                Generations.Info::live, Generations.Info::previous).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "bge-small-en-v1.5-q", false, true),
                org.assertj.core.groups.Tuple.tuple(2, OTHER, true, false));

        assertThat(generations().rollback("docs", null)).isEqualTo(1);

        assertThat(docsCollection.embedder().model().id()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(docsCollection.spec().chunking()).isEqualTo(ChunkSettings.DEFAULT);
        assertThat(Files.readString(tmp.resolve("data/docs/collection.json"))).doesNotContain(OTHER);
        assertThat(docsCollection.search(query("dead rows")).hits().getFirst().chunk().docId()).isEqualTo("docs/vacuum.md");
    }

    @Test
    void a_lease_taken_before_the_swap_keeps_searching_the_old_generation_which_closes_on_its_release() throws Exception {
        Lease before = docsCollection.lease();
        Generation old = docsCollection.live();

        awaitDone(generations().reindex("docs", OTHER, null));

        assertThat(docsCollection.generation()).isEqualTo(2);
        assertThat(before.generation()).isEqualTo(1);
        assertThat(before.embedder().model().id()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(before.searcher().search(query("dead rows")).hits()).isNotEmpty();
        assertThat(old.closed()).isNotDone();
        before.close();
        assertThat(old.closed()).isDone();
        try (Lease after = docsCollection.lease()) {
            assertThat(after.generation()).isEqualTo(2);
        }
    }

    @Test
    void files_changed_while_the_new_generation_builds_are_caught_up_before_the_swap() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Holds the writer, so the reindex waits to catch up and swap while the files change.
        docsCollection.writes().submit(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        Reindexer.Status started = generations().reindex("docs", OTHER, null);
        Await.until("new generation built", () -> generations().job("docs", started.id()).orElseThrow().phase()
                == Reindexer.Phase.CATCHING_UP);
        Folders.write(docs, "restore.md", "# Restore\n\nPoint in time recovery replays the write ahead log.");
        Files.delete(docs.resolve("backup.md"));
        release.countDown();

        awaitDone(started);

        assertThat(docsCollection.index().documentHashes()).containsOnlyKeys("docs/vacuum.md", "docs/restore.md");
    }

    @Test
    void a_second_reindex_while_one_runs_is_a_conflict() {
        CountDownLatch release = new CountDownLatch(1);
        docsCollection.writes().submit(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try {
            generations().reindex("docs", OTHER, null);
            assertThatThrownBy(() -> generations().reindex("docs", null, null)).isInstanceOf(QuarryException.class)
                    .extracting(e -> ((QuarryException) e).kind()).isEqualTo(QuarryException.Kind.CONFLICT);
            assertThatThrownBy(() -> generations().rollback("docs", 1)).hasMessageContaining("being reindexed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void an_unknown_model_names_the_model_field() {
        assertThatThrownBy(() -> generations().reindex("docs", "no-such-model", null)).isInstanceOf(QuarryException.class)
                .satisfies(e -> {
                    assertThat(((QuarryException) e).kind()).isEqualTo(QuarryException.Kind.INVALID);
                    assertThat(((QuarryException) e).field()).isEqualTo("model");
                });
    }

    @Test
    void the_default_collection_follows_the_configuration_so_another_model_is_refused() {
        assertThatThrownBy(() -> generations().reindex("default", OTHER, null)).isInstanceOf(QuarryException.class)
                .satisfies(e -> {
                    assertThat(((QuarryException) e).kind()).isEqualTo(QuarryException.Kind.CONFLICT);
                    assertThat(((QuarryException) e).field()).isEqualTo("model");
                    assertThat(e.getMessage()).contains("quarry.yaml").contains("--rebuild");
                });
    }

    @Test
    void a_kept_generation_can_be_deleted_but_not_the_live_one() throws Exception {
        awaitDone(generations().reindex("docs", OTHER, null));

        assertThatThrownBy(() -> generations().delete("docs", 2)).hasMessageContaining("is live");
        generations().delete("docs", 1);

        assertThat(generations().list("docs")).extracting(Generations.Info::number).containsExactly(2);
        assertThatThrownBy(() -> generations().rollback("docs", null)).hasMessageContaining("no previous generation");
        assertThat(docsCollection.search(query("dead rows")).hits()).isNotEmpty();
    }

    @Test
    void deleting_a_collection_waits_for_the_search_in_flight_before_closing_its_index_and_removing_its_files() throws Exception {
        Lease inFlight = docsCollection.lease();
        java.util.concurrent.CompletableFuture<Void> deleted = java.util.concurrent.CompletableFuture.runAsync(
                () -> quarry.collections().delete("docs"));
        Await.until("collection no longer served", () -> quarry.collections().get("docs").isEmpty());

        assertThat(inFlight.searcher().search(query("dead rows")).hits()).isNotEmpty();
        assertThat(deleted).isNotDone();
        assertThat(tmp.resolve("data/docs")).exists();

        inFlight.close();
        deleted.join();
        assertThat(tmp.resolve("data/docs")).doesNotExist();
    }

    @Test
    void writes_queued_during_a_reindex_land_in_the_generation_live_when_they_run() throws Exception {
        awaitDone(generations().reindex("docs", OTHER, null));
        Folders.write(docs, "restore.md", "# Restore\n\nPoint in time recovery replays the write ahead log.");

        docsCollection.ingest(docs, null, IngestProgress.NONE, () -> false);

        assertThat(docsCollection.index().documentHashes()).containsKey("docs/restore.md");
        assertThat(List.of(docsCollection.generation())).containsExactly(2);
    }
}
