package dev.quarry.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.error.QuarryException;
import dev.quarry.security.ApiKeys;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four tools. Each runs as its caller; a failure comes back as a tool error whose text says what to change
 * (the same message the HTTP API gives), and a failure of Quarry itself as one line, its details in the log only.
 */
final class Tools {

    private static final Logger log = LoggerFactory.getLogger(Tools.class);

    private interface Call {
        McpSchema.CallToolResult run(ApiKeys.Caller caller, JsonNode arguments);
    }

    private final Library library;
    private final Callers callers;
    private final ToolSchemas schemas;
    private final ToolResults results;
    private final ObjectMapper json;

    Tools(Library library, Callers callers, ToolSchemas schemas, ToolResults results, ObjectMapper json) {
        this.library = library;
        this.callers = callers;
        this.schemas = schemas;
        this.results = results;
        this.json = json;
    }

    /** The tools, each with its title, description for a model to read, and what it runs. */
    private record Definition(String title, String description, Call call) {
    }

    private Map<String, Definition> definitions() {
        Map<String, Definition> tools = new LinkedHashMap<>();
        tools.put("search", new Definition("Search the documents", """
                Finds the passages of the indexed documents that best match a query, best first. Each hit has its \
                document's title and path, the section and page, a snippet, a score and a link to the whole passage; \
                pass a hit's chunkId (or its docId, for the whole document) to fetch.""",
                (caller, args) -> results.search(library.search(caller, args))));
        tools.put("fetch", new Definition("Read a passage or document", """
                Returns the full text of one passage (by chunk id, such as guide.md~3) or of a whole document (by \
                document id, such as guide.md), with its title, path, section and page. A document's text stops at \
                %,d characters (truncated is then true); fetch its chunks by id for the rest.""".formatted(ToolResults.DOCUMENT_CHARS),
                (caller, args) -> {
                    String id = args.path("id").asText();
                    String collection = args.hasNonNull("collection") ? args.get("collection").asText() : null;
                    return results.fetch(library.fetch(caller, collection, id), id);
                }));
        tools.put("answer", new Definition("Answer from the documents", """
                Answers a question from the documents only, citing the passages it used as [n]; each citation links \
                to its passage. Says so, without guessing, when the documents hold no answer. Answers by quoting the \
                passages unless a model deployment is configured.""",
                (caller, args) -> results.answer(library.answer(caller, args))));
        tools.put("list_collections", new Definition("List the collections", """
                Lists the collections this key may search, with each one's embedding model, document and chunk \
                counts, and which one is used when a call names none.""",
                (caller, args) -> results.collections(library.collections(caller))));
        return tools;
    }

    List<SyncToolSpecification> all() {
        List<SyncToolSpecification> specs = new ArrayList<>();
        definitions().forEach((name, d) -> {
            McpSchema.Tool tool = McpSchema.Tool.builder(name, schemas.of(name)).title(d.title()).description(d.description())
                    .annotations(new McpSchema.ToolAnnotations(d.title(), true, false, true, false, null)).build();
            specs.add(SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, request) -> run(name, d.call(), exchange.transportContext(), request.arguments())).build());
        });
        return specs;
    }

    private McpSchema.CallToolResult run(String name, Call call, McpTransportContext context, Map<String, Object> arguments) {
        try {
            ApiKeys.Caller caller = callers.of(context);
            JsonNode args = json.valueToTree(arguments == null ? Map.of() : arguments);
            return call.run(caller, args);
        } catch (QuarryException e) {
            if (e.kind() == QuarryException.Kind.INTERNAL) return failed(name, e);
            log.debug("The MCP tool {} was refused: {}", name, e.getMessage());
            return error(e.getMessage());
        } catch (RuntimeException e) {
            return failed(name, e);
        }
    }

    private static McpSchema.CallToolResult failed(String name, RuntimeException e) {
        log.error("The MCP tool {} failed", name, e);
        return error("the server failed to run " + name + "; its log has the details");
    }

    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
