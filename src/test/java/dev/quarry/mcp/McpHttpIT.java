package dev.quarry.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own MCP client against a real server over Streamable HTTP, with the real model: every tool, checked
 * against {@code /v1/search} and {@code /v1/chat} for the same input, and the keys, scopes and origins of the API.
 */
class McpHttpIT {

    static final String READER = "reader-key-for-mcp-00001";
    static final String SCOPED = "reader-key-for-mcp-scoped";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeOpenAiServer upstream;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-mcp-it");
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day and keep it warm.\n\n"
                + "## Baking\n\nBake the loaf in a hot oven for forty minutes until the crust is dark.");
        Folders.write(docs, "guide/stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky far from town.");
        Folders.write(docs, "bikes.md", "# Chains\n\nClean and oil a bicycle chain every few hundred kilometres.");
        upstream = new FakeOpenAiServer();
        Path secret = tmp.resolve("secret");
        Folders.write(secret, "plans.md", "# Plans\n\nThe new bakery opens in spring next to the station.");
        Path yaml = Folders.write(tmp, "quarry.yaml", """
                chat:
                  deployments:
                    - {name: main, kind: openai, endpoint: "%s", model: gpt-4o-mini, apiKeyEnv: QUARRY_TEST_KEY, maxRetries: 0}
                """.formatted(upstream.openAiBaseUrl()));
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_CONFIG", yaml.toString(),
                "QUARRY_TEST_KEY", "upstream-secret", "QUARRY_API_KEYS", "reader:" + READER + ",reader@default:" + SCOPED);
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        quarry.collections().create(quarry.collections().describe("private", null, null))
                .ingest(secret, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        if (upstream != null) upstream.close();
    }

    private static McpSyncClient client(int port, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (key != null) request.header("Authorization", "Bearer " + key);
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .requestBuilder(request).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return JSON.valueToTree(result.structuredContent());
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static Http.Response post(String path, Object body) {
        try {
            return http.request("POST", path, JSON.writeValueAsString(body), "Authorization", "Bearer " + READER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_four_tools_are_listed_with_precise_schemas() {
        try (McpSyncClient client = client(server.port(), READER)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("search", "fetch", "answer", "list_collections");
            McpSchema.Tool search = tools.stream().filter(t -> t.name().equals("search")).findFirst().orElseThrow();
            JsonNode schema = JSON.valueToTree(search.inputSchema());
            assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("query");
            assertThat(schema.at("/properties/k/maximum").asInt()).isEqualTo(50);
            assertThat(schema.at("/properties/mode/enum")).extracting(JsonNode::asText).containsExactly("hybrid", "vector", "keyword");
            assertThat(schema.at("/properties/filter/properties/pathPrefix/type").asText()).isEqualTo("string");
            McpSchema.Tool answer = tools.stream().filter(t -> t.name().equals("answer")).findFirst().orElseThrow();
            assertThat(JSON.valueToTree(answer.inputSchema()).at("/properties/deployment/enum")).extracting(JsonNode::asText)
                    .containsExactly("main", "extractive");
            assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactlyInAnyOrder("quarry://{collection}/documents/{id}", "quarry://{collection}/chunks/{id}");
        }
    }

    @Test
    void search_finds_what_v1_search_finds_with_a_link_to_each_chunk() {
        Map<String, Object> args = Map.of("query", "how do I keep a sourdough starter alive", "k", 3, "mode", "hybrid");
        try (McpSyncClient client = client(server.port(), READER)) {
            McpSchema.CallToolResult result = call(client, "search", args);
            JsonNode hits = structured(result).get("hits");
            JsonNode expected = post("/v1/search", args).json().get("hits");
            assertThat(hits).hasSize(expected.size());
            for (int i = 0; i < hits.size(); i++) {
                assertThat(hits.get(i).get("chunkId").asText()).isEqualTo(expected.get(i).get("chunkId").asText());
                assertThat(hits.get(i).get("score").asDouble()).isEqualTo(expected.get(i).get("score").asDouble());
                assertThat(hits.get(i).get("path").asText()).isEqualTo(expected.get(i).get("path").asText());
            }
            assertThat(hits.get(0).get("path").asText()).isEqualTo("bread.md");
            assertThat(hits.get(0).get("snippet").asText()).contains("starter");
            List<McpSchema.ResourceLink> links = result.content().stream().filter(c -> c instanceof McpSchema.ResourceLink)
                    .map(c -> (McpSchema.ResourceLink) c).toList();
            assertThat(links).extracting(McpSchema.ResourceLink::uri).containsExactlyElementsOf(
                    hits.findValuesAsText("uri"));
            McpSchema.ReadResourceResult read = client.readResource(McpSchema.ReadResourceRequest.builder(links.getFirst().uri()).build());
            String chunkText = http.request("GET", "/v1/chunks/" + hits.get(0).get("chunkId").asText(), null,
                    "Authorization", "Bearer " + READER).json().get("text").asText();
            assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).isEqualTo(chunkText);
        }
    }

    @Test
    void fetch_reads_a_chunk_or_a_whole_document() {
        try (McpSyncClient client = client(server.port(), READER)) {
            JsonNode document = structured(call(client, "fetch", Map.of("id", "bread.md")));
            assertThat(document.get("title").asText()).isEqualTo("Sourdough");
            assertThat(document.get("text").asText()).contains("Feed the starter").contains("forty minutes");
            assertThat(document.get("uri").asText()).isEqualTo("quarry://default/documents/bread.md");
            String chunkId = document.get("chunkIds").get(0).asText();
            JsonNode chunk = structured(call(client, "fetch", Map.of("id", chunkId, "collection", "default")));
            JsonNode expected = http.request("GET", "/v1/chunks/" + chunkId, null, "Authorization", "Bearer " + READER).json();
            assertThat(chunk.get("text").asText()).isEqualTo(expected.get("text").asText());
            assertThat(chunk.get("section").asText()).isEqualTo(expected.get("section").asText());

            JsonNode nested = structured(call(client, "fetch", Map.of("id", "guide/stars.txt")));
            McpSchema.ReadResourceResult read = client.readResource(McpSchema.ReadResourceRequest.builder(nested.get("uri").asText()).build());
            assertThat(nested.get("uri").asText()).isEqualTo("quarry://default/documents/guide%2Fstars.txt");
            assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).contains("Perseids");

            McpSchema.CallToolResult missing = call(client, "fetch", Map.of("id", "nothing.md"));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("no document with id 'nothing.md'");
        }
    }

    @Test
    void answer_gives_the_answer_and_citations_v1_chat_gives() {
        String question = "how often should I feed the sourdough starter?";
        try (McpSyncClient client = client(server.port(), READER)) {
            JsonNode answer = structured(call(client, "answer", Map.of("question", question, "strictness", 0.1, "deployment", "extractive")));
            JsonNode expected = post("/v1/chat", Map.of("strictness", 0.1, "deployment", "extractive",
                    "messages", List.of(Map.of("role", "user", "content", question)))).json();
            assertThat(answer.get("answer").asText()).isEqualTo(expected.get("answer").asText()).contains("[1]");
            assertThat(answer.get("deployment").asText()).isEqualTo("extractive");
            assertThat(answer.get("citations").findValuesAsText("chunkId"))
                    .containsExactlyElementsOf(expected.get("citations").findValuesAsText("chunkId"));
            assertThat(answer.get("citations").get(0).get("uri").asText()).startsWith("quarry://default/chunks/bread.md");
        }
    }

    @Test
    void a_configured_deployment_answers_with_its_citations_checked() {
        upstream.reply(new FakeOpenAiServer.Reply.Answer("Feed it every day [1], never on Sundays [7].", false));
        try (McpSyncClient client = client(server.port(), READER)) {
            JsonNode answer = structured(call(client, "answer", Map.of("question", "how often do I feed the starter?", "strictness", 0.1)));
            assertThat(answer.get("deployment").asText()).as("the first configured deployment is the default").isEqualTo("main");
            assertThat(answer.get("answer").asText()).startsWith("Feed it every day [1]").doesNotContain("[7]");
            assertThat(answer.get("citations")).hasSize(1);
            assertThat(answer.at("/citations/0/uri").asText()).startsWith("quarry://default/chunks/bread.md~");
            assertThat(upstream.requests().getLast().lastUserMessage()).contains("how often do I feed the starter?");
        }
    }

    @Test
    void list_collections_shows_only_what_the_key_may_use() {
        try (McpSyncClient all = client(server.port(), READER); McpSyncClient scoped = client(server.port(), SCOPED)) {
            JsonNode every = structured(call(all, "list_collections", Map.of())).get("collections");
            assertThat(every.findValuesAsText("name")).containsExactly("default", "private");
            assertThat(every.get(0).get("documents").asInt()).isEqualTo(3);
            assertThat(every.get(0).get("isDefault").asBoolean()).isTrue();
            JsonNode some = structured(call(scoped, "list_collections", Map.of())).get("collections");
            assertThat(some.findValuesAsText("name")).containsExactly("default");
        }
    }

    @Test
    void a_scoped_key_finds_no_collection_outside_its_scope() {
        try (McpSyncClient all = client(server.port(), READER); McpSyncClient scoped = client(server.port(), SCOPED)) {
            Map<String, Object> args = Map.of("query", "bakery", "collections", List.of("private"));
            assertThat(structured(call(all, "search", args)).get("hits").get(0).get("path").asText()).endsWith("plans.md");
            McpSchema.CallToolResult refused = call(scoped, "search", args);
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("no collection named 'private'");
            assertThat(call(scoped, "fetch", Map.of("id", "plans.md", "collection", "private")).isError()).isTrue();
            assertThatThrownBy(() -> scoped.readResource(McpSchema.ReadResourceRequest.builder("quarry://private/documents/plans.md").build()))
                    .hasMessageContaining("no collection named 'private'");
        }
    }

    @Test
    void wrong_arguments_are_tool_errors_that_say_what_to_change() {
        try (McpSyncClient client = client(server.port(), READER)) {
            McpSchema.CallToolResult tooMany = call(client, "search", Map.of("query", "bread", "k", 5000));
            assertThat(tooMany.isError()).isTrue();
            assertThat(text(tooMany)).contains("k").doesNotContain("Exception", "\tat ");
            McpSchema.CallToolResult unknown = call(client, "search", Map.of("query", "bread", "kk", 3));
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("kk");
            McpSchema.CallToolResult badType = call(client, "search", Map.of("query", "bread", "filter", Map.of("types", List.of("spreadsheet"))));
            assertThat(badType.isError()).isTrue();
            assertThat(text(badType)).contains("unknown document type 'spreadsheet'");
            McpSchema.CallToolResult noQuestion = call(client, "answer", Map.of("deployment", "extractive"));
            assertThat(noQuestion.isError()).isTrue();
            assertThat(text(noQuestion)).contains("question");
        }
    }

    @Test
    void without_a_key_nothing_is_served() {
        assertThatThrownBy(() -> client(server.port(), null)).isNotNull();
        Http.Response r = http.request("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "Accept", "application/json, text/event-stream");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void a_page_from_another_origin_is_refused() {
        Http.Response r = http.request("POST", "/mcp", initialize(), "Authorization", "Bearer " + READER,
                "Accept", "application/json, text/event-stream", "Content-Type", "application/json", "Origin", "http://evil.example");
        assertThat(r.status()).isEqualTo(403);
        Http.Response local = http.request("POST", "/mcp", initialize(), "Authorization", "Bearer " + READER,
                "Accept", "application/json, text/event-stream", "Content-Type", "application/json", "Origin", "http://localhost:6274");
        assertThat(local.status()).as(local.body()).isEqualTo(200);
        assertThat(local.header("X-Request-Id")).as("each MCP request has its id, as every route's").isNotBlank();
        assertThat(local.header("Mcp-Session-Id")).isNotBlank();
    }

    @Test
    void without_keys_only_this_machine_s_names_may_be_the_host() throws Exception {
        ServerConfig open = new ServerConfig("127.0.0.1", 0);
        try (ApiServer local = new ApiServer(quarry, open, new IngestRoots(List.of())).start()) {
            // The JDK's client will not send another Host: a socket speaks for a page whose name was rebound.
            assertThat(statusLine(local.port(), "evil.example:" + local.port())).startsWith("HTTP/1.1 421");
            assertThat(statusLine(local.port(), "localhost:" + local.port())).startsWith("HTTP/1.1 200");
            try (McpSyncClient mcp = client(local.port(), null)) {
                assertThat(structured(call(mcp, "list_collections", Map.of())).get("collections").findValuesAsText("name"))
                        .containsExactly("default", "private");
            }
        }
    }

    private static String statusLine(int port, String host) throws Exception {
        byte[] body = initialize().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    private static String initialize() {
        return """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
                "clientInfo":{"name":"test","version":"1"}}}""";
    }
}
