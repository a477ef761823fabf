package dev.quarry.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.Citation;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.IndexedChunk;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tool results as a model reads them: structured content, the same as JSON text (for clients that read text only),
 * and a resource link to each passage, which {@code fetch} or a resource read opens.
 */
final class ToolResults {

    /** A hit's text beyond this is cut at a word: {@code fetch} gives the whole passage. */
    static final int SNIPPET_CHARS = 500;
    /** A fetched document's text beyond this is cut, so one long PDF cannot fill a model's context; its chunks remain. */
    static final int DOCUMENT_CHARS = 50_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hit(int rank, String collection, String chunkId, String docId, String title, String path, String section,
               Integer page, double score, String snippet, String uri) {
    }

    record Found(String query, String mode, List<Hit> hits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(int n, String collection, String chunkId, String docId, String title, String path, String section,
                  Integer page, String snippet, String uri) {
    }

    record Answer(String answer, String deployment, boolean notFound, List<Source> citations) {
    }

    record Collections(List<Library.Shelf> collections) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chunk(String collection, String chunkId, String docId, String title, String path, String section, Integer page,
                 int start, int end, String text, String uri) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String collection, String docId, String title, String path, String type, List<String> tags,
                    long modified, List<String> chunkIds, String text, Boolean truncated, String uri) {
    }

    private final ObjectMapper json;

    ToolResults(ObjectMapper json) {
        this.json = json;
    }

    McpSchema.CallToolResult search(Library.Searched searched) {
        List<Hit> hits = new ArrayList<>();
        List<McpSchema.Content> links = new ArrayList<>();
        int rank = searched.query().offset();
        for (CollectionSearch.Found found : searched.result().hits()) {
            IndexedChunk c = found.hit().chunk();
            String uri = ResourceUris.chunk(found.collection(), c.chunkId());
            hits.add(new Hit(++rank, found.collection(), c.chunkId(), c.docId(), c.title(), c.path(), c.section(), page(c.page()),
                    found.hit().score(), snippet(c.text()), uri));
            links.add(link(uri, c.chunkId(), c.title(), c.section()));
        }
        return result(new Found(searched.query().text(), searched.query().mode().name().toLowerCase(Locale.ROOT), hits), links);
    }

    McpSchema.CallToolResult answer(Library.Answered answered) {
        ChatAnswer a = answered.answer();
        List<Source> sources = new ArrayList<>();
        List<McpSchema.Content> links = new ArrayList<>();
        for (Citation c : a.citations()) {
            String collection = c.collection() == null ? answered.collection() : c.collection();
            String uri = ResourceUris.chunk(collection, c.chunkId());
            sources.add(new Source(c.n(), collection, c.chunkId(), c.docId(), c.title(), c.path(), c.section(), c.page(), c.snippet(), uri));
            links.add(link(uri, c.chunkId(), c.title(), c.section()));
        }
        return result(new Answer(a.answer(), a.deployment(), a.notFound(), sources), links);
    }

    McpSchema.CallToolResult collections(List<Library.Shelf> shelves) {
        return result(new Collections(shelves), List.of());
    }

    /** One chunk as it is, or a whole document's text with the ids of its chunks. */
    McpSchema.CallToolResult fetch(Library.Passages passages, String id) {
        return result(passage(passages, id), List.of());
    }

    /** A chunk id names one chunk; any other id, a document. */
    Object passage(Library.Passages passages, String id) {
        String collection = passages.collection();
        List<IndexedChunk> chunks = passages.chunks();
        IndexedChunk first = chunks.getFirst();
        if (ChunkIds.parse(id).isPresent()) {
            return new Chunk(collection, first.chunkId(), first.docId(), first.title(), first.path(), first.section(),
                    page(first.page()), first.start(), first.end(), first.text(), ResourceUris.chunk(collection, first.chunkId()));
        }
        String text = DocumentText.text(chunks);
        boolean cut = text.length() > DOCUMENT_CHARS;
        return new Document(collection, first.docId(), first.title(), first.path(), first.type(), first.tags(), first.modified(),
                chunks.stream().map(IndexedChunk::chunkId).toList(), cut ? text.substring(0, DOCUMENT_CHARS) : text,
                cut ? Boolean.TRUE : null, ResourceUris.document(collection, first.docId()));
    }

    String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private McpSchema.CallToolResult result(Object structured, List<McpSchema.Content> links) {
        List<McpSchema.Content> content = new ArrayList<>();
        content.add(McpSchema.TextContent.builder(json(structured)).build());
        content.addAll(links);
        return McpSchema.CallToolResult.builder().content(content).structuredContent(json.convertValue(structured, Object.class))
                .isError(false).build();
    }

    private static McpSchema.ResourceLink link(String uri, String chunkId, String title, String section) {
        return McpSchema.ResourceLink.builder().uri(uri).name(chunkId).title(title)
                .description(section == null || section.isBlank() ? null : section).mimeType("text/plain").build();
    }

    private static Integer page(int page) {
        return page > 0 ? page : null;
    }

    static String snippet(String text) {
        if (text.length() <= SNIPPET_CHARS) return text;
        int cut = text.lastIndexOf(' ', SNIPPET_CHARS);
        return text.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS).strip() + " …";
    }
}
