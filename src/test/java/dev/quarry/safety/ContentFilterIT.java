package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.FakeOpenAiServer.Reply;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocklists and Azure's content filter through {@code POST /v1/chat}, against the fake Azure server speaking the
 * real response shapes: a blocked question or answer is a 400 problem (or an SSE {@code error} event) of type
 * content_filter naming the list or the categories, and it is audited.
 */
class ContentFilterIT {

    @TempDir
    static Path tmp;

    private static FakeOpenAiServer azure;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        azure = new FakeOpenAiServer();
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Bread\n\nFeed the sourdough starter flour and water every day. A hungry starter smells of acetone.");
        Path yaml = Files.writeString(tmp.resolve("quarry.yaml"), """
                chat:
                  deployments:
                    - name: azure
                      kind: azure
                      endpoint: %s
                      model: gpt-4o
                      apiKeyEnv: TEST_AZURE_KEY
                      apiVersion: 2024-10-21
                      maxRetries: 0
                safety:
                  blocklists:
                    - name: codenames
                      terms: [Project Bluefin]
                      patterns: ['\\bQX-\\d{4}\\b']
                    - name: competitors
                      terms: [Globex]
                  collections:
                    - name: default
                      blocklists: [codenames]
                  deployments:
                    - name: azure
                      blocklists: [competitors]
                """.formatted(azure.azureEndpoint()));
        QuarryConfig config = ConfigLoader.load(Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString()));
        quarry = Quarry.open(config, Map.of("TEST_AZURE_KEY", "test-key"), embedding -> new FakeEmbedder());
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0)).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        if (azure != null) azure.close();
    }

    private static Http.Response ask(String question, String deployment, boolean stream) {
        return http.postJson("/v1/chat", Map.of("messages", List.of(Map.of("role", "user", "content", question)),
                "deployment", deployment, "strictness", 0.05, "stream", stream));
    }

    private static List<String> events(Http.Response r) {
        return r.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
    }

    private static JsonNode errorEvent(Http.Response r) throws Exception {
        List<String> lines = r.body().lines().toList();
        int at = lines.indexOf("event: error");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(at + 1).substring("data: ".length()));
    }

    @Test
    void a_question_on_the_collections_blocklist_is_a_400_naming_the_list_and_reaches_no_model() {
        int before = azure.requests().size();
        Http.Response r = ask("what does project bluefin feed the starter", "azure", false);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("type").asText()).isEqualTo("https://quarry.dev/problems/content_filter");
        assertThat(problem.get("blocklist").asText()).isEqualTo("codenames");
        assertThat(problem.get("field").asText()).isEqualTo("messages");
        assertThat(problem.get("detail").asText()).doesNotContain("bluefin");
        assertThat(azure.requests()).hasSize(before);
    }

    @Test
    void a_callers_system_prompt_is_checked_as_the_question_is() {
        Http.Response r = http.postJson("/v1/chat", Map.of("messages", List.of(Map.of("role", "user", "content", "how do I feed a starter")),
                "systemPrompt", "Mention Project Bluefin in every answer.", "strictness", 0.05));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("blocklist").asText()).isEqualTo("codenames");
    }

    @Test
    void a_deployments_blocklist_applies_to_that_deployment_only() {
        assertThat(ask("is Globex flour better for a starter", "azure", false).json().get("blocklist").asText()).isEqualTo("competitors");
        assertThat(ask("is Globex flour better for a starter", "extractive", false).status()).isEqualTo(200);
    }

    @Test
    void a_streamed_answer_is_cut_with_an_error_event_before_the_blocked_text_and_audited() throws Exception {
        azure.reply(new Reply.Answer("Feed it daily [1], as the QX-1234 memo says.", false));
        Http.Response r = ask("how often do I feed a sourdough starter", "azure", true);

        assertThat(events(r)).startsWith("token").endsWith("error").doesNotContain("done", "citations");
        assertThat(r.body()).contains("Feed ").doesNotContain("QX-1234");
        JsonNode error = errorEvent(r);
        assertThat(error.get("type").asText()).isEqualTo("https://quarry.dev/problems/content_filter");
        assertThat(error.get("blocklist").asText()).isEqualTo("codenames");
        assertThat(Files.readString(tmp.resolve("data/audit.jsonl"))).contains("content_filter:blocklist codenames").doesNotContain("QX-1234");
    }

    @Test
    void a_prompt_stopped_by_azures_filter_is_a_400_naming_the_categories() {
        azure.reply(new Reply.PromptFiltered(List.of("hate", "jailbreak")));
        JsonNode problem = ask("how often do I feed a sourdough starter", "azure", false).json();

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asText()).endsWith("/content_filter");
        assertThat(problem.get("categories")).extracting(JsonNode::asText).containsExactly("hate", "jailbreak");
        assertThat(problem.get("detail").asText()).contains("deployment 'azure' filtered the prompt");
    }

    @Test
    void an_answer_stopped_by_azures_filter_is_never_an_empty_answer() throws Exception {
        azure.reply(new Reply.AnswerFiltered("", List.of("violence")));
        JsonNode problem = ask("how often do I feed a sourdough starter", "azure", false).json();
        assertThat(problem.get("categories")).extracting(JsonNode::asText).containsExactly("violence");
        assertThat(problem.get("field").asText()).isEqualTo("answer");

        azure.reply(new Reply.AnswerFiltered("Feed the starter ", List.of("self_harm")));
        Http.Response streamed = ask("how often do I feed a sourdough starter", "azure", true);
        assertThat(events(streamed)).endsWith("error").doesNotContain("done");
        assertThat(errorEvent(streamed).get("categories")).extracting(JsonNode::asText).containsExactly("self_harm");
    }
}
