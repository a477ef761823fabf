package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.mcp.McpServers;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code quarry mcp} as an agent starts it: a child process spoken to over stdio by the SDK's own client, beside a
 * server in this process that owns the index. Without the server's file it reads the index read-only itself; with it,
 * it calls the server. Either way its answers are the server's API's for the same input.
 */
class McpStdioIT {

    static final String ADMIN = "admin-key-for-mcp-stdio-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path data;
    private static Map<String, String> env;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-mcp-stdio-it");
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day and keep it warm.");
        Folders.write(docs, "bikes.md", "# Chains\n\nClean and oil a bicycle chain every few hundred kilometres.");
        Path other = Folders.write(tmp, "other/stars.md", "# Stars\n\nThe Perseids peak in August.").getParent();
        data = tmp.resolve("data");
        env = Map.of("QUARRY_DATA", data.toString(), "QUARRY_CONFIG", Folders.write(tmp, "quarry.yaml", "# defaults\n").toString(),
                "QUARRY_API_KEYS", "admin:" + ADMIN);
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        quarry.collections().create(quarry.collections().describe("other", null, null)).ingest(other, null, IngestProgress.NONE, () -> false);
        token = ServerFile.newToken();
        server = new ApiServer(quarry, ServeCommand.withLocalToken(config.server().withPort(0), token), new IngestRoots(List.of())).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
    }

    @Test
    void without_a_server_file_it_reads_one_collection_read_only_beside_the_server() {
        try (McpSyncClient client = stdio()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("search", "fetch", "answer", "list_collections");
            assertThat(names(client)).as("one collection opened here").containsExactly("default");
            answersAsTheApi(client);
        }
    }

    @Test
    void with_the_server_s_file_it_calls_the_server() {
        ServerFile file = new ServerFile(ServerFile.localUrl(quarry.config().server(), server.port()), token);
        file.publish(data);
        try (McpSyncClient client = stdio()) {
            client.initialize();
            assertThat(names(client)).as("every collection the server serves").containsExactly("default", "other");
            answersAsTheApi(client);
        } finally {
            file.withdraw(data);
        }
    }

    private static void answersAsTheApi(McpSyncClient client) {
        Map<String, Object> search = Map.of("query", "oil the bike chain", "k", 2);
        JsonNode hits = structured(call(client, "search", search)).get("hits");
        JsonNode expected = post("/v1/search", search).get("hits");
        assertThat(hits.findValuesAsText("chunkId")).containsExactlyElementsOf(expected.findValuesAsText("chunkId"));
        assertThat(hits.get(0).get("score").asDouble()).isEqualTo(expected.get(0).get("score").asDouble());
        assertThat(hits.get(0).get("uri").asText()).startsWith("quarry://default/chunks/bikes.md~");

        String question = "how often do I feed the starter?";
        JsonNode answer = structured(call(client, "answer", Map.of("question", question, "strictness", 0.1)));
        JsonNode chat = post("/v1/chat", Map.of("strictness", 0.1, "messages", List.of(Map.of("role", "user", "content", question))));
        assertThat(answer.get("answer").asText()).isEqualTo(chat.get("answer").asText());
        assertThat(answer.get("citations").findValuesAsText("uri")).allMatch(uri -> uri.startsWith("quarry://default/chunks/bread.md~"));

        JsonNode document = structured(call(client, "fetch", Map.of("id", "bread.md")));
        assertThat(document.get("text").asText()).contains("Feed the starter");
        String chunkId = document.get("chunkIds").get(0).asText();
        JsonNode chunk = structured(call(client, "fetch", Map.of("id", chunkId)));
        assertThat(chunk.get("text").asText()).isEqualTo(http.request("GET", "/v1/chunks/" + chunkId, null,
                "Authorization", "Bearer " + ADMIN).json().get("text").asText());

        McpSchema.CallToolResult wrong = call(client, "search", Map.of("query", "x", "mode", "fuzzy"));
        assertThat(wrong.isError()).isTrue();
        assertThat(((McpSchema.TextContent) wrong.content().getFirst()).text()).contains("mode");
        McpSchema.CallToolResult missing = call(client, "fetch", Map.of("id", "nothing.md"));
        assertThat(missing.isError()).isTrue();
        assertThat(((McpSchema.TextContent) missing.content().getFirst()).text()).contains("nothing.md");
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static List<String> names(McpSyncClient client) {
        return structured(call(client, "list_collections", Map.of())).get("collections").findValuesAsText("name");
    }

    private static JsonNode post(String path, Object body) {
        try {
            return http.request("POST", path, JSON.writeValueAsString(body), "Authorization", "Bearer " + ADMIN).json();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static McpSyncClient stdio() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ServerParameters child = ServerParameters.builder(java).args("--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.quarry.cli.Main", "mcp")
                .env(env).build();
        return McpClient.sync(new StdioClientTransport(child, McpServers.jsonMapper())).requestTimeout(Duration.ofSeconds(120)).build();
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return JSON.valueToTree(result.structuredContent());
    }
}
