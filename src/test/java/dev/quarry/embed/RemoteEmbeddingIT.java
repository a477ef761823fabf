package dev.quarry.embed;

import dev.quarry.openai.ApiKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.ingest.IngestSettings;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Azure OpenAI embeddings deployment (a fake on 127.0.0.1) as the index's embedder, through the real SDK. */
class RemoteEmbeddingIT {

    @TempDir
    Path tmp;

    private static EmbeddingConfig.Remote config(FakeOpenAiServer server, int dimensions) {
        return new EmbeddingConfig.Remote(ApiKind.AZURE, server.azureEndpoint(), "text-embedding-3-small",
                "KEY", "2024-10-21", dimensions, 8, 8191, Duration.ofSeconds(10), 3);
    }

    @Test
    void ingest_embeds_in_batches_backs_off_on_429_and_drops_no_chunk() {
        for (int i = 0; i < 30; i++) Folders.write(tmp.resolve("docs"), "n" + i + ".md", "# Note " + i + "\n\nAbout topic " + i + " and rivers.");
        try (FakeOpenAiServer server = new FakeOpenAiServer();
             OpenAiEmbedder embedder = new OpenAiEmbedder(config(server, FakeEmbedder.DIMENSIONS), Map.of("KEY", "k"));
             LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT))) {
            server.reply(new FakeOpenAiServer.Reply.Error(429, "0"), new FakeOpenAiServer.Reply.Error(429, "0"));

            var report = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT, Clock.systemUTC())
                    .ingest(tmp.resolve("docs"), IngestProgress.NONE);

            assertThat(report.added()).isEqualTo(30);
            assertThat(index.stats().chunks()).isEqualTo(report.chunksEmbedded());
            assertThat(server.requests()).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/openai/deployments/text-embedding-3-small/embeddings");
                assertThat(r.body().get("input").size()).isLessThanOrEqualTo(8);
            });
            int inputs = server.requests().stream().skip(2).mapToInt(r -> r.body().get("input").size()).sum();
            assertThat(inputs).isEqualTo(report.chunksEmbedded());
            assertThat(index.vectorSearch(embedder.embedQuery("topic 7 rivers"), 3, ChunkFilter.NONE)).isNotEmpty();
            assertThat(embedder.model().id()).isEqualTo("azure:text-embedding-3-small");
        }
    }

    @Test
    void a_vector_of_the_wrong_size_is_an_error_not_a_corrupt_index() {
        try (FakeOpenAiServer server = new FakeOpenAiServer();
             OpenAiEmbedder embedder = new OpenAiEmbedder(config(server, 1536), Map.of("KEY", "k"))) {
            assertThatThrownBy(() -> embedder.embedPassages(List.of("text")))
                    .isInstanceOf(EmbeddingException.class).hasMessageContaining("returned 64 dimensions, configured 1536");
        }
    }

    @Test
    void a_failing_embedder_during_a_search_is_a_502_problem_naming_it() {
        Folders.write(tmp.resolve("docs"), "rivers.md", "# Rivers\n\nThe longest rivers of Europe.");
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            Path yaml = Folders.write(tmp, "quarry.yaml", """
                    embedding:
                      provider: azure
                      endpoint: %s
                      model: text-embedding-3-small
                      apiVersion: 2024-10-21
                      apiKeyEnv: KEY
                      dimensions: %d
                      maxRetries: 0
                    """.formatted(server.azureEndpoint(), FakeEmbedder.DIMENSIONS));
            Map<String, String> env = Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString(), "KEY", "k");
            QuarryConfig config = ConfigLoader.load(env);
            try (Quarry quarry = Quarry.open(config, env);
                 ApiServer api = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start()) {
                quarry.defaultCollection().ingest(tmp.resolve("docs"), null, IngestProgress.NONE, () -> false);
                server.reply(new FakeOpenAiServer.Reply.Error(500, null));

                Http.Response r = new Http(api.port()).post("/v1/search", "{\"query\":\"european rivers\"}");

                assertThat(r.status()).as(r.body()).isEqualTo(502);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("title").asText()).isEqualTo("Upstream failure");
                assertThat(r.json().get("detail").asText()).contains("embeddings deployment text-embedding-3-small");
                assertThat(new Http(api.port()).post("/v1/search", "{\"query\":\"european rivers\"}").status())
                        .as("the next search, with the embedder back").isEqualTo(200);
            }
        }
    }
}
