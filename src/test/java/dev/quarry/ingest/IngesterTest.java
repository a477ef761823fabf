package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {

    @TempDir
    Path tmp;

    private Path docs;
    private FakeEmbedder embedder;
    private LuceneChunkIndex index;
    private Ingester ingester;

    @BeforeEach
    void setUp() throws Exception {
        docs = Files.createDirectories(tmp.resolve("docs"));
        embedder = new FakeEmbedder();
        index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
        ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    @Test
    void first_ingest_indexes_every_supported_file_and_reports_the_rest() {
        Folders.write(docs, "a.md", "# Bread\n\nSourdough starter care.");
        Folders.write(docs, "sub/b.txt", "Stars\n\nMeteor showers in August.");
        Folders.write(docs, "c.html", "<title>Chains</title><p>Oil the bike chain.</p>");
        Folders.write(docs, "photo.png", "not really a png");
        Folders.write(docs, ".hidden/secret.md", "# Secret");

        IngestReport report = ingester.ingest(docs, IngestProgress.NONE);

        assertThat(report.added()).isEqualTo(3);
        assertThat(report.skipped()).extracting(SkippedFile::path).containsExactly("photo.png");
        assertThat(index.documentHashes()).containsOnlyKeys("a.md", "sub/b.txt", "c.html");
        assertThat(index.keywordSearch("meteor", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().path()).containsExactly("sub/b.txt");
    }

    @Test
    void reingesting_an_unchanged_folder_embeds_nothing() {
        Folders.write(docs, "a.md", "# Bread\n\nSourdough starter care.");
        ingester.ingest(docs, IngestProgress.NONE);
        int embedded = embedder.passagesEmbedded();

        IngestReport again = ingester.ingest(docs, IngestProgress.NONE);

        assertThat(embedder.passagesEmbedded()).isEqualTo(embedded);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.chunksEmbedded()).isZero();
    }

    @Test
    void a_changed_file_has_its_chunks_replaced_and_a_removed_file_is_deleted() throws Exception {
        Folders.write(docs, "a.md", "# Bread\n\nSourdough starter care.");
        Folders.write(docs, "b.txt", "Stars\n\nMeteor showers.");
        ingester.ingest(docs, IngestProgress.NONE);

        Folders.write(docs, "a.md", "# Bread\n\nRye loaves need longer proofing.");
        Files.delete(docs.resolve("b.txt"));
        IngestReport report = ingester.ingest(docs, IngestProgress.NONE);

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(index.documentChunks("a.md")).extracting(IndexedChunk::text).anyMatch(t -> t.contains("Rye loaves"))
                .noneMatch(t -> t.contains("Sourdough"));
        assertThat(index.documentHashes()).containsOnlyKeys("a.md");
    }

    @Test
    void a_file_that_can_no_longer_be_parsed_loses_its_old_chunks() {
        Folders.write(docs, "a.md", "# Bread\n\nSourdough.");
        ingester.ingest(docs, IngestProgress.NONE);
        Folders.write(docs, "a.md", "---\ntitle: [broken\n---\nText");

        IngestReport report = ingester.ingest(docs, IngestProgress.NONE);

        assertThat(report.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("front matter"));
        assertThat(index.documentHashes()).isEmpty();
    }

    @Test
    void ingesting_another_folder_into_the_same_index_is_refused() throws Exception {
        Folders.write(docs, "a.md", "# Bread");
        ingester.ingest(docs, IngestProgress.NONE);
        Path other = Files.createDirectories(tmp.resolve("other"));

        assertThatThrownBy(() -> ingester.ingest(other, IngestProgress.NONE))
                .isInstanceOf(IngestException.class).hasMessageContaining("--rebuild");
        assertThat(index.documentHashes()).containsOnlyKeys("a.md");
    }

    @Test
    void searches_during_a_reingest_see_each_file_whole_old_or_whole_new() throws Exception {
        for (int f = 0; f < 40; f++) Folders.write(docs, "f" + f + ".md", version("v1", f));
        ingester.ingest(docs, IngestProgress.NONE);
        for (int f = 0; f < 40; f++) Folders.write(docs, "f" + f + ".md", version("v2", f));
        // Commit after every batch, so searchers refresh many times while the update runs.
        Ingester eager = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT,
                new IngestSettings(IngestSettings.DEFAULT.maxFileBytes(), 4, java.time.Duration.ZERO), Clock.systemUTC());

        var mixed = new java.util.concurrent.atomic.AtomicInteger();
        var checks = new java.util.concurrent.atomic.AtomicInteger();
        // Stopped by a flag, not an interrupt: interrupting a thread inside NIO would close the index's channels.
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                for (int f = 0; f < 40; f++) {
                    var versions = index.documentChunks("f" + f + ".md").stream()
                            .map(c -> c.text().contains("v1") ? "v1" : c.text().contains("v2") ? "v2" : "heading only")
                            .filter(v -> !v.equals("heading only")).distinct().count();
                    if (versions > 1) mixed.incrementAndGet();
                    checks.incrementAndGet();
                }
            }
        });
        eager.ingest(docs, IngestProgress.NONE);
        running.set(false);
        reader.join();

        assertThat(checks.get()).isGreaterThan(40);
        assertThat(mixed.get()).isZero();
        assertThat(index.documentChunks("f7.md")).noneMatch(c -> c.text().contains("v1")).anyMatch(c -> c.text().contains("v2"));
    }

    /** A file of several sections, each carrying the version marker, so it has several chunks. */
    private static String version(String marker, int file) {
        StringBuilder md = new StringBuilder("# File " + file + "\n\n");
        for (int s = 0; s < 4; s++) md.append("## Part ").append(s).append("\n\n").append(marker).append(" text of part ").append(s).append(".\n\n");
        return md.toString();
    }

    @Test
    void a_stopped_ingest_commits_what_it_did_deletes_nothing_unseen_and_the_next_run_resumes() {
        for (int f = 0; f < 40; f++) Folders.write(docs, "f" + f + ".md", version("v1", f));
        ingester.ingest(docs, IngestProgress.NONE);
        for (int f = 0; f < 40; f++) Folders.write(docs, "f" + f + ".md", version("v2", f));
        Ingester small = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT,
                new IngestSettings(IngestSettings.DEFAULT.maxFileBytes(), 4, java.time.Duration.ofHours(1)), Clock.systemUTC());
        List<int[]> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();

        assertThatThrownBy(() -> small.ingest(docs, (done, total, chunks) -> {
            updates.add(new int[] {done, total});
            if (done > 0) stop.set(true);
        }, stop::get)).isInstanceOf(IngestStoppedException.class).hasMessageContaining("of 40 files").hasMessageContaining("resumes");

        assertThat(updates.getFirst()).as("the total is known from the start").containsExactly(0, 40);
        assertThat(index.documentHashes()).as("nothing unseen was deleted").hasSize(40);
        long updated = index.documentHashes().keySet().stream()
                .filter(id -> index.documentChunks(id).stream().anyMatch(c -> c.text().contains("v2"))).count();
        assertThat(updated).as("the batches written before the stop are committed").isBetween(1L, 39L);

        IngestReport resumed = ingester.ingest(docs, IngestProgress.NONE);
        assertThat(resumed.updated()).isEqualTo(40 - updated);
        assertThat(resumed.deleted()).isZero();
    }

    @Test
    void a_missing_folder_is_a_clear_error() {
        assertThatThrownBy(() -> ingester.ingest(tmp.resolve("nope"), IngestProgress.NONE))
                .isInstanceOf(IngestException.class).hasMessageContaining("does not exist");
    }
}
