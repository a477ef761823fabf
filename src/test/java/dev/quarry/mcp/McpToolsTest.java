package dev.quarry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.Citation;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexedChunk;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The tools over a library that answers what each test needs: results, refusals, failures, and who may call. */
class McpToolsTest {

    private static final ObjectMapper JSON = McpServers.json();
    private static final ApiKeys.Caller READER = new ApiKeys.Caller("reader-1", Role.READER);

    /** A library whose every call answers {@code answer}, and which remembers its callers. */
    private static final class FakeLibrary implements Library {
        final List<ApiKeys.Caller> callers = new ArrayList<>();
        Supplier<Object> answer;

        @SuppressWarnings("unchecked")
        private <T> T answer(ApiKeys.Caller caller) {
            callers.add(caller);
            return (T) answer.get();
        }

        @Override
        public Searched search(ApiKeys.Caller caller, JsonNode arguments) {
            return answer(caller);
        }

        @Override
        public Answered answer(ApiKeys.Caller caller, JsonNode arguments) {
            return answer(caller);
        }

        @Override
        public Passages fetch(ApiKeys.Caller caller, String collection, String id) {
            return answer(caller);
        }

        @Override
        public List<Shelf> collections(ApiKeys.Caller caller) {
            return answer(caller);
        }
    }

    private final FakeLibrary library = new FakeLibrary();

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, McpTransportContext context) {
        Tools tools = new Tools(library, Callers.fromContext(), new ToolSchemas(JSON, List.of("gpt", "extractive")),
                new ToolResults(JSON), JSON);
        SyncToolSpecification spec = tools.all().stream().filter(t -> t.tool().name().equals(tool)).findFirst().orElseThrow();
        var exchange = new McpSyncServerExchange(new McpAsyncServerExchange("session", null, null, null, context));
        return spec.callHandler().apply(exchange, McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return call(tool, arguments, McpTransportContext.create(Map.of(Callers.KEY, READER)));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static IndexedChunk chunk(String docId, int n, String text, int start) {
        return new IndexedChunk(docId + "~" + n, docId, docId, "Guide", "Setup > Install", text, start, start + text.length(),
                0, "hash", 1_700_000_000_000L, "markdown", List.of(), null);
    }

    @Test
    void a_failure_of_quarry_itself_is_one_line_with_no_stack_trace() {
        library.answer = () -> {
            throw new IllegalStateException("index exploded at LuceneChunkIndex.java:42");
        };
        McpSchema.CallToolResult result = call("search", Map.of("query", "install"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("the server failed to run search; its log has the details");
    }

    @Test
    void a_refusal_comes_back_with_the_message_the_http_api_gives() {
        library.answer = () -> {
            throw new QuarryException(QuarryException.Kind.NOT_FOUND, "collection", "no collection named 'secret'");
        };
        McpSchema.CallToolResult result = call("list_collections", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("no collection named 'secret'");
        assertThat(library.callers).containsExactly(READER);
    }

    @Test
    void a_call_that_carries_no_caller_is_refused_never_run_without_a_scope() {
        library.answer = List::of;
        McpSchema.CallToolResult result = call("list_collections", Map.of(), McpTransportContext.EMPTY);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("no authenticated caller");
        assertThat(library.callers).isEmpty();
    }

    @Test
    void hits_link_to_their_chunks_and_long_texts_are_cut_at_a_word() {
        String longText = "word ".repeat(300).strip();
        IndexedChunk c = chunk("docs/setup guide.md", 3, longText, 0);
        library.answer = () -> new Library.Searched(SearchQuery.of("install", 5, SearchMode.HYBRID),
                new CollectionSearch.Result(List.of(new CollectionSearch.Found("manual", new SearchHit(c, 0.8, 0.7, 3.1))), 10));
        McpSchema.CallToolResult result = call("search", Map.of("query", "install"));
        JsonNode hit = JSON.valueToTree(result.structuredContent()).get("hits").get(0);
        assertThat(hit.get("rank").asInt()).isEqualTo(1);
        assertThat(hit.get("uri").asText()).isEqualTo("quarry://manual/chunks/docs%2Fsetup%20guide.md~3");
        assertThat(hit.get("snippet").asText()).endsWith("word …").hasSizeLessThanOrEqualTo(ToolResults.SNIPPET_CHARS + 2);
        assertThat(hit.has("page")).as("no page where the format has none").isFalse();
        assertThat(result.content()).hasSize(2);
        McpSchema.ResourceLink link = (McpSchema.ResourceLink) result.content().get(1);
        assertThat(link.uri()).isEqualTo(hit.get("uri").asText());
        assertThat(link.name()).isEqualTo("docs/setup guide.md~3");
        assertThat(text(result)).isEqualTo(JSON.valueToTree(result.structuredContent()).toString());
    }

    @Test
    void citations_of_one_collection_link_into_it() {
        Citation cited = new Citation(1, null, "guide.md~0", "guide.md", "guide.md", "Guide", null, 4, 0, 10, "Install it");
        library.answer = () -> new Library.Answered(new ChatAnswer("Install it [1].", List.of(cited), "extractive", false), "default");
        JsonNode answer = JSON.valueToTree(call("answer", Map.of("question", "how to install?")).structuredContent());
        assertThat(answer.get("answer").asText()).isEqualTo("Install it [1].");
        assertThat(answer.at("/citations/0/uri").asText()).isEqualTo("quarry://default/chunks/guide.md~0");
        assertThat(answer.at("/citations/0/page").asInt()).isEqualTo(4);
    }

    @Test
    void a_document_is_its_chunks_without_their_overlap_and_a_long_one_is_cut() {
        library.answer = () -> new Library.Passages("default", List.of(chunk("a.md", 1, "efghij", 4), chunk("a.md", 0, "abcdef", 0)));
        JsonNode document = JSON.valueToTree(call("fetch", Map.of("id", "a.md")).structuredContent());
        assertThat(document.get("text").asText()).isEqualTo("abcdefghij");
        assertThat(document.get("chunkIds")).extracting(JsonNode::asText).containsExactly("a.md~1", "a.md~0");
        assertThat(document.has("truncated")).isFalse();

        String big = "x".repeat(ToolResults.DOCUMENT_CHARS + 10);
        library.answer = () -> new Library.Passages("default", List.of(chunk("big.md", 0, big, 0)));
        JsonNode cut = JSON.valueToTree(call("fetch", Map.of("id", "big.md")).structuredContent());
        assertThat(cut.get("text").asText()).hasSize(ToolResults.DOCUMENT_CHARS);
        assertThat(cut.get("truncated").asBoolean()).isTrue();

        library.answer = () -> new Library.Passages("default", List.of(chunk("a.md", 1, "efghij", 4)));
        JsonNode one = JSON.valueToTree(call("fetch", Map.of("id", "a.md~1")).structuredContent());
        assertThat(one.get("text").asText()).isEqualTo("efghij");
        assertThat(one.get("section").asText()).isEqualTo("Setup > Install");
    }

    @Test
    void schemas_hold_the_shared_filter_and_the_deployments_this_server_has() {
        ToolSchemas schemas = new ToolSchemas(JSON, List.of("gpt", "extractive"));
        JsonNode answer = JSON.valueToTree(schemas.of("answer"));
        assertThat(answer.at("/properties/deployment/enum")).extracting(JsonNode::asText).containsExactly("gpt", "extractive");
        assertThat(answer.at("/properties/filter/properties/types/type").asText()).isEqualTo("array");
        assertThat(answer.get("additionalProperties").asBoolean()).isFalse();
        for (String tool : List.of("search", "fetch", "answer", "list_collections")) {
            JsonNode schema = JSON.valueToTree(schemas.of(tool));
            schema.get("properties").properties().forEach(p -> assertThat(p.getValue().has("description") || tool.equals("list_collections"))
                    .as(tool + "." + p.getKey() + " is described for a model").isTrue());
        }
    }

    @Test
    void resource_uris_name_any_id_and_read_back_to_it() {
        for (String id : List.of("guide.md", "docs/setup guide.md", "a+b & c%20d.md~3", "Über/ß.md", "x#1.md")) {
            String uri = ResourceUris.chunk("my collection", id);
            assertThat(uri).doesNotContain(" ").startsWith("quarry://my%20collection/chunks/");
            ResourceUris.Named named = ResourceUris.parse(uri).orElseThrow();
            assertThat(named.collection()).isEqualTo("my collection");
            assertThat(named.id()).isEqualTo(id);
            assertThat(named.chunk()).isTrue();
        }
        assertThat(ResourceUris.parse(ResourceUris.document("chunks", "a.md")).orElseThrow().chunk()).isFalse();
        assertThat(ResourceUris.parse("file:///etc/passwd")).isEmpty();
    }
}
