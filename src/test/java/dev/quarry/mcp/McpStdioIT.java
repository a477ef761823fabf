package dev.quarry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
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
import org.junit.jupiter.api.Test;

/**
 * {@code quarry mcp} as an agent starts it: a child process spoken to over stdio by the SDK's own client, reading the
 * index read-only while a server in this process owns it; its answers checked against that server's API.
 */
class McpStdioIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_stdio_server_answers_as_the_http_api_does_beside_a_running_server() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-mcp-stdio-it");
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day and keep it warm.");
        Folders.write(docs, "bikes.md", "# Chains\n\nClean and oil a bicycle chain every few hundred kilometres.");
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString(),
                "QUARRY_CONFIG", Folders.write(tmp, "quarry.yaml", "# defaults\n").toString());
        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.open(config, env)) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            try (ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start();
                 McpSyncClient client = stdio(env)) {
                Http http = new Http(server.port());
                client.initialize();
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .containsExactlyInAnyOrder("search", "fetch", "answer", "list_collections");

                Map<String, Object> search = Map.of("query", "oil the bike chain", "k", 2);
                JsonNode hits = structured(client.callTool(new McpSchema.CallToolRequest("search", search))).get("hits");
                JsonNode expected = http.postJson("/v1/search", search).json().get("hits");
                assertThat(hits.findValuesAsText("chunkId")).containsExactlyElementsOf(expected.findValuesAsText("chunkId"));
                assertThat(hits.get(0).get("score").asDouble()).isEqualTo(expected.get(0).get("score").asDouble());

                String question = "how often do I feed the starter?";
                JsonNode answer = structured(client.callTool(new McpSchema.CallToolRequest("answer",
                        Map.of("question", question, "strictness", 0.1))));
                JsonNode chat = http.postJson("/v1/chat", Map.of("strictness", 0.1,
                        "messages", List.of(Map.of("role", "user", "content", question)))).json();
                assertThat(answer.get("answer").asText()).isEqualTo(chat.get("answer").asText());

                JsonNode document = structured(client.callTool(new McpSchema.CallToolRequest("fetch", Map.of("id", "bread.md"))));
                assertThat(document.get("text").asText()).contains("Feed the starter");
                McpSchema.CallToolResult wrong = client.callTool(new McpSchema.CallToolRequest("search", Map.of("query", "x", "mode", "fuzzy")));
                assertThat(wrong.isError()).isTrue();
                assertThat(((McpSchema.TextContent) wrong.content().getFirst()).text()).contains("mode");
            }
        }
    }

    private static McpSyncClient stdio(Map<String, String> env) {
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
