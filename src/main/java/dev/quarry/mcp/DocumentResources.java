package dev.quarry.mcp;

import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexedChunk;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Documents and chunks as MCP resources at their {@link ResourceUris}, read as their caller, as {@code fetch} reads them. */
final class DocumentResources {

    private static final Logger log = LoggerFactory.getLogger(DocumentResources.class);

    private final Library library;
    private final Callers callers;

    DocumentResources(Library library, Callers callers) {
        this.library = library;
        this.callers = callers;
    }

    List<SyncResourceTemplateSpecification> all() {
        return List.of(
                template(ResourceUris.DOCUMENTS, "document", "An indexed document's whole text"),
                template(ResourceUris.CHUNKS, "chunk", "One passage of an indexed document, as search hits and citations link to it"));
    }

    private SyncResourceTemplateSpecification template(String uriTemplate, String name, String description) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(uriTemplate, name)
                .description(description).mimeType("text/plain").build();
        return new SyncResourceTemplateSpecification(template, this::read);
    }

    private McpSchema.ReadResourceResult read(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        String uri = request.uri();
        ResourceUris.Named named = ResourceUris.parse(uri).orElseThrow(() -> notFound("not a Quarry resource: " + uri));
        List<IndexedChunk> chunks;
        try {
            chunks = library.fetch(callers.of(exchange.transportContext()), named.collection(), named.id()).chunks();
        } catch (QuarryException e) {
            if (e.kind() == QuarryException.Kind.INTERNAL) throw failed(uri, e);
            throw notFound(e.getMessage());
        } catch (RuntimeException e) {
            throw failed(uri, e);
        }
        String text = named.chunk() ? chunks.getFirst().text() : DocumentText.text(chunks);
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, text).mimeType("text/plain").build()))
                .build();
    }

    private static McpError notFound(String message) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(message).build();
    }

    private static McpError failed(String uri, RuntimeException e) {
        log.error("Reading the MCP resource {} failed", uri, e);
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("the server failed to read " + uri
                + "; its log has the details").build();
    }
}
