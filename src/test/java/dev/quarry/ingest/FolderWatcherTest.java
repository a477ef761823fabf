package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watching a real folder while files are created, changed, renamed and deleted. */
class FolderWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void the_index_follows_creates_modifies_renames_and_deletes() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        FakeEmbedder embedder = new FakeEmbedder();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
             WriteQueue writes = new WriteQueue()) {
            Ingester ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
            ingester.ingest(docs, IngestProgress.NONE);
            try (FolderWatcher ignored = new FolderWatcher(ingester, writes, docs, Duration.ofMillis(200), r -> { })) {
                Folders.write(docs, "a.md", "# Bread\n\nSourdough starter.");
                Folders.write(docs, "sub/b.txt", "Stars\n\nMeteor showers.");
                Await.until("the index holds a.md and sub/b.txt",
                        () -> index.documentHashes().keySet().equals(Set.of("a.md", "sub/b.txt")));

                Folders.write(docs, "a.md", "# Bread\n\nRye loaves.");
                Await.until("rye is found", () -> !index.keywordSearch("rye", 5, ChunkFilter.NONE).isEmpty());
                assertThat(index.keywordSearch("sourdough", 5, ChunkFilter.NONE)).isEmpty();

                Files.move(docs.resolve("sub/b.txt"), docs.resolve("sub/c.txt"));
                Await.until("the rename is followed", () -> index.documentHashes().keySet().equals(Set.of("a.md", "sub/c.txt")));

                Files.delete(docs.resolve("a.md"));
                Await.until("the delete is followed", () -> index.documentHashes().keySet().equals(Set.of("sub/c.txt")));
            }
        }
    }

    @Test
    void a_folder_that_never_goes_quiet_is_still_synced() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        FakeEmbedder embedder = new FakeEmbedder();
        AtomicBoolean editing = new AtomicBoolean(true);
        try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
             WriteQueue writes = new WriteQueue()) {
            Ingester ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
            try (FolderWatcher ignored = new FolderWatcher(ingester, writes, docs, Duration.ofMillis(200), r -> { })) {
                // A save every 50 ms: the folder is never quiet for the 200 ms debounce.
                Thread editor = Thread.ofPlatform().start(() -> {
                    for (int n = 0; editing.get(); n++) {
                        Folders.write(docs, "log.md", "# Log\n\nentry " + n);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                try {
                    Await.until("a sync while saves go on", () -> index.documentHashes().containsKey("log.md"));
                } finally {
                    editing.set(false);
                    editor.join();
                }
            }
        }
    }

    /**
     * Closing the watcher while its sync is embedding must neither interrupt that thread (an interrupt during NIO
     * closes Lucene's channels and invalidates the write lock) nor lose the sync's work.
     */
    @Test
    void closing_during_a_sync_waits_for_it_and_leaves_the_index_writable() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        CountDownLatch embedding = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        FakeEmbedder embedder = new FakeEmbedder() {
            @Override
            public float[][] embedPassages(List<String> passages) {
                embedding.countDown();
                // Busy until interrupted, or a while after close began: long enough for an interrupt to land.
                long until = Long.MAX_VALUE;
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
                    if (closing.get() && until == Long.MAX_VALUE) until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    Thread.onSpinWait();
                }
                return super.embedPassages(passages);
            }
        };
        try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
             WriteQueue writes = new WriteQueue()) {
            Ingester ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
            FolderWatcher watcher = new FolderWatcher(ingester, writes, docs, Duration.ofMillis(100), r -> { });
            Folders.write(docs, "a.md", "# Bread\n\nSourdough starter.");
            embedding.await();

            closing.set(true);
            watcher.close();

            assertThat(index.documentHashes()).containsOnlyKeys("a.md");
            index.deleteDocument("a.md");
            index.commit();
            assertThat(index.documentHashes()).isEmpty();
        }
    }
}
