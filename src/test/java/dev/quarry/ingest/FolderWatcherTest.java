package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
        try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT))) {
            Ingester ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
            ingester.ingest(docs, IngestProgress.NONE);
            try (FolderWatcher ignored = new FolderWatcher(ingester, docs, Duration.ofMillis(200), r -> { })) {
                Folders.write(docs, "a.md", "# Bread\n\nSourdough starter.");
                Folders.write(docs, "sub/b.txt", "Stars\n\nMeteor showers.");
                await(() -> index.documentHashes().keySet().equals(Set.of("a.md", "sub/b.txt")));

                Folders.write(docs, "a.md", "# Bread\n\nRye loaves.");
                await(() -> !index.keywordSearch("rye", 5, ChunkFilter.NONE).isEmpty());
                assertThat(index.keywordSearch("sourdough", 5, ChunkFilter.NONE)).isEmpty();

                Files.move(docs.resolve("sub/b.txt"), docs.resolve("sub/c.txt"));
                await(() -> index.documentHashes().keySet().equals(Set.of("a.md", "sub/c.txt")));

                Files.delete(docs.resolve("a.md"));
                await(() -> index.documentHashes().keySet().equals(Set.of("sub/c.txt")));
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the index did not follow the folder within 20 s");
            Thread.sleep(50);
        }
    }
}
