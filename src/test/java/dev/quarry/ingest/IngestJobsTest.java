package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobsTest {

    @TempDir
    Path tmp;

    @Test
    void only_the_latest_finished_jobs_are_kept() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "a.md", "# Bread\n\nSourdough.");
        FakeEmbedder embedder = new FakeEmbedder();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
             WriteQueue writes = new WriteQueue()) {
            Ingester ingester = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC());
            IngestJobs jobs = new IngestJobs("default", () -> ingester, writes, Clock.systemUTC());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < IngestJobs.KEPT_FINISHED + 10; i++) ids.add(jobs.submit(Ingester.UNNAMED, docs, docs));
            Await.until("every job finished", () -> jobs.all().stream().allMatch(IngestJobs.Status::finished));
            String last = jobs.submit(Ingester.UNNAMED, docs, docs);

            assertThat(jobs.all().size()).isLessThanOrEqualTo(IngestJobs.KEPT_FINISHED + 1);
            assertThat(jobs.status(last)).isPresent();
            assertThat(jobs.status(ids.getLast())).isPresent();
            assertThat(jobs.status(ids.getFirst())).isEmpty();
            Await.until("the last job finished", () -> jobs.status(last).orElseThrow().finished());
            assertThat(jobs.status(last).orElseThrow().filesTotal()).isEqualTo(1);
        }
    }
}
