package dev.quarry.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Quarry's MCP server on its two transports: Streamable HTTP (a servlet that {@code /mcp} hands its requests to) and
 * stdio. Both serve the same tools and resources; tools run on the thread that received the call, as HTTP routes do,
 * so its request id stays in the log and nothing interrupts a search in flight.
 */
public final class McpServers {

    static final String NAME = "quarry";
    static final String VERSION = "0.1.0";
    private static final String INSTRUCTIONS = """
            Quarry searches the user's own documents. Use search to find passages, fetch to read a passage or a whole \
            document by the id a hit gives, answer for a cited answer to a question, and list_collections to see which \
            collections there are. Cite what you use by its path and section.""";

    /** Where and from which pages {@code /mcp} may be called: DNS rebinding is refused by Host and Origin. */
    public record Origins(List<String> hosts, List<String> origins) {
    }

    /** The HTTP transport and the server behind it; closing it ends every session. */
    public record Http(HttpServletStreamableServerTransportProvider servlet, McpSyncServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.closeGracefully();
        }
    }

    private McpServers() {
    }

    /** The Streamable HTTP server at {@code path}, its callers taken from each request by {@code extractor}. */
    public static Http http(Library library, List<String> deployments, String path, Origins allowed, int maxBodyBytes,
                            McpTransportContextExtractor<HttpServletRequest> extractor) {
        ObjectMapper json = json();
        var transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(new JacksonMcpJsonMapper(json))
                .mcpEndpoint(path).contextExtractor(extractor).maxRequestSize(maxBodyBytes)
                .httpHeaderValidator(DefaultServerTransportSecurityValidator.builder().allowedHosts(allowed.hosts())
                        .allowedOrigins(allowed.origins()).build())
                .build();
        McpSyncServer server = configure(McpServer.sync((McpStreamableServerTransportProvider) transport), library,
                Callers.fromContext(), deployments, json);
        return new Http(transport, server);
    }

    /** A server on {@code transport} (stdio) whose every call is made by {@code callers}. */
    public static McpSyncServer serve(McpServerTransportProvider transport, Library library, List<String> deployments, Callers callers) {
        ObjectMapper json = json();
        return configure(McpServer.sync(transport), library, callers, deployments, json);
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, Library library, Callers callers,
                                           List<String> deployments, ObjectMapper json) {
        Tools tools = new Tools(library, callers, new ToolSchemas(json, deployments), new ToolResults(json), json);
        return spec.serverInfo(NAME, VERSION).instructions(INSTRUCTIONS).immediateExecution(true)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(tools.all()).resourceTemplates(new DocumentResources(library, callers).all()).build();
    }

    static ObjectMapper json() {
        return new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The JSON mapper the SDK's transports need, for the stdio transport the command line builds. */
    public static JacksonMcpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(json());
    }
}
