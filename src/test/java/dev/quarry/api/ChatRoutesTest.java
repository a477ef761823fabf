package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.IndexedChunk;
import dev.quarry.security.RateLimiter;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Http;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/chat} on a server of its own, with a fake embedder and the offline answerer: no model needed. */
class ChatRoutesTest {

    private static final String QUESTION = "{\"strictness\": 0.1, \"messages\": [{\"role\": \"user\", \"content\": \"why does my starter smell of acetone\"}]%s}";

    @TempDir
    static Path dir;

    private static FakeQuarryServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        String text = "Feed the sourdough starter flour and water every day. A hungry starter smells of acetone.";
        server = new FakeQuarryServer(dir, index -> index.replaceDocument("bread.md", List.of(new IndexedChunk(
                IndexedChunk.chunkId("bread.md", 0), "bread.md", "bread.md", "Bread", "", text, 0, text.length(), 0, "h", 0,
                "markdown", List.of(), FakeEmbedder.vector(text)))),
                (routes, scope, json, metrics) -> new ChatRoutes(scope, List.of(), new ChatQuota(RateLimiter.unlimited()),
                        metrics, new JsonBodies(json), json).register(routes));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Http.Response ask(String extra, String accept) {
        String body = QUESTION.formatted(extra);
        return accept == null ? http.request("POST", "/v1/chat", body) : http.request("POST", "/v1/chat", body, "Accept", accept);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text/event-stream",
            "TEXT/Event-Stream; charset=utf-8",
            "text/event-stream, application/json;q=0.5",
            "application/json;q=0.9, text/event-stream",
    })
    void an_accept_header_asking_for_events_streams_the_answer_as_stream_true_does(String accept) {
        Http.Response byHeader = ask("", accept);
        Http.Response byField = ask(", \"stream\": true", null);

        assertThat(byHeader.status()).isEqualTo(200);
        assertThat(byHeader.contentType()).startsWith("text/event-stream");
        assertThat(events(byHeader)).isEqualTo(events(byField)).startsWith("token").endsWith("citations", "done");
        assertThat(byHeader.body()).isEqualTo(byField.body());
    }

    @Test
    void an_explicit_stream_false_wins_over_the_accept_header() {
        Http.Response r = ask(", \"stream\": false", "text/event-stream");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("citations").get(0).get("docId").asText()).isEqualTo("bread.md");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "application/json",
            "*/*",
            "application/json, text/event-stream;q=0.5",
            "text/event-stream;q=0",
    })
    void without_the_field_other_accept_headers_get_json(String accept) {
        assertThat(ask("", accept).contentType()).startsWith("application/json");
    }

    @Test
    void a_request_without_either_gets_json() {
        assertThat(ask("", null).contentType()).startsWith("application/json");
    }

    private static List<String> events(Http.Response r) {
        return r.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
    }
}
