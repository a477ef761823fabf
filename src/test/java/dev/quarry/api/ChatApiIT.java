package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.Backend;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.FakeOpenAiServer.Reply;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SharedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chat over HTTP with a configured Azure OpenAI deployment served by a fake on 127.0.0.1, the real model, and each
 * backend.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ChatApiIT {

    /** Injected for the class's invocation, whose setup takes it as its argument. */
    @Parameter
    Backend backend;

    private static final String COLLECTION = "chat-it";

    private static FakeOpenAiServer upstream;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) throws Exception {
        upstream = new FakeOpenAiServer();
        Path tmp = Files.createTempDirectory("quarry-chat-it");
        Path docs = Folders.write(tmp, "docs/bread.md", "# Sourdough\n\nFeed the starter flour and water every day.").getParent();
        Map<String, String> env = new HashMap<>(backend.env(tmp, COLLECTION, """
                chat:
                  deployments:
                    - name: main
                      kind: azure
                      endpoint: %s
                      model: gpt-4o
                      apiVersion: 2024-10-21
                      apiKeyEnv: QUARRY_TEST_AZURE_KEY
                      timeoutSeconds: 10
                      maxRetries: 0
                """.formatted(upstream.azureEndpoint())));
        env.put("QUARRY_TEST_AZURE_KEY", "very-secret-key");
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env, SharedModel::of);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start();
        http = new Http(server.port());
    }

    @AfterParameterizedClassInvocation
    static void stop(Backend backend) {
        server.close();
        quarry.close();
        upstream.close();
        backend.delete(COLLECTION);
    }

    private static Map<String, Object> ask(boolean stream) {
        return Map.of("stream", stream, "strictness", 0.1, "messages",
                List.of(Map.of("role", "user", "content", "how often should I feed my sourdough starter?")));
    }

    @Test
    void deployments_are_listed_without_secrets() {
        Http.Response r = http.get("/v1/deployments");
        assertThat(r.json().get("default").asText()).isEqualTo("main");
        assertThat(r.json().get("chat")).extracting(JsonNode::asText).containsExactly("main", "extractive");
        assertThat(r.body()).doesNotContain("very-secret-key");
    }

    @Test
    void a_generated_answer_cites_the_sources() {
        upstream.reply(new Reply.Answer("Feed it every day [1].", false));
        JsonNode answer = http.postJson("/v1/chat", ask(false)).json();

        assertThat(answer.get("answer").asText()).isEqualTo("Feed it every day [1].");
        assertThat(answer.get("deployment").asText()).isEqualTo("main");
        assertThat(answer.get("citations").get(0).get("path").asText()).isEqualTo("bread.md");
    }

    @Test
    void a_conversation_over_the_prompt_limit_is_413_naming_messages_and_never_sent() {
        int before = upstream.requests().size();
        List<Map<String, String>> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            turns.add(Map.of("role", "user", "content", "q".repeat(7_000)));
            turns.add(Map.of("role", "assistant", "content", "a".repeat(1_500)));
        }
        turns.add(Map.of("role", "user", "content", "and so?"));
        Http.Response r = http.postJson("/v1/chat", Map.of("messages", turns, "systemPrompt", "Be brief."));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("field").asText()).isEqualTo("messages");
        assertThat(r.json().get("detail").asText()).contains("34016 characters", "limit is 32000");
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void an_upstream_failure_is_a_502_problem_naming_the_deployment() {
        upstream.reply(new Reply.Error(500, null));
        Http.Response r = http.postJson("/v1/chat", ask(false));

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("deployment main");
        assertThat(r.json().get("field").asText()).isEqualTo("deployment");
        assertThat(r.body()).doesNotContain("very-secret-key");
    }

    @Test
    void a_stream_cut_mid_way_ends_with_an_error_event() {
        upstream.reply(new Reply.Answer("one two three four five six seven eight", true));
        Http.Response r = http.postJson("/v1/chat", ask(true));

        List<String> events = r.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        assertThat(events).startsWith("token").endsWith("error").doesNotContain("done", "citations");
    }

    @Test
    void a_client_that_leaves_a_stream_is_a_normal_end_not_an_upstream_failure() throws Exception {
        double failuresBefore = metric("quarry_upstream_failures_total");
        CountDownLatch release = new CountDownLatch(1);
        upstream.reply(new Reply.Drip("Feed it every day [1]. " + "Then keep it warm and wait for bubbles. ".repeat(300), release));
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ask(true));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); !line.equals("event: token"); line = in.readLine()) {
                assertThat(line).as("the stream ended before its first token").isNotNull();
            }
        }
        release.countDown();

        Await.until("the server notices the client left", () -> metric("quarry_chat_streams_abandoned_total") == 1);
        assertThat(metric("quarry_upstream_failures_total")).isEqualTo(failuresBefore);
        assertThat(http.get("/healthz").status()).isEqualTo(200);
    }

    /** The sum of a counter's series in the Prometheus scrape, 0 when it has none yet. */
    private static double metric(String name) {
        return quarry.metrics().scrape().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
