package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.error.QuarryException;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.IndexedChunk;
import dev.quarry.mcp.Library;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.security.ApiKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MCP tools' calls through the running server of the data folder, as its command-line reader: every collection
 * it serves, without loading a model here. The arguments are the API's fields already, so they pass as they are.
 */
final class ServerLibrary implements Library {

    /** What a server call throws: a checked failure to reach it, here a tool error saying so. */
    private interface Request<T> {
        T send() throws ServerClient.Unreachable;
    }

    private final ServerClient server;
    private final ObjectMapper json = new ObjectMapper();

    ServerLibrary(ServerClient server) {
        this.server = server;
    }

    @Override
    public Searched search(ApiKeys.Caller caller, JsonNode arguments) {
        JsonNode response = call(() -> server.post("/v1/search", arguments));
        SearchQuery query = new SearchQuery(response.path("query").asText(), response.path("k").asInt(), response.path("offset").asInt(),
                SearchMode.valueOf(response.path("mode").asText().toUpperCase(Locale.ROOT)), null, null, null, 0, false, false);
        List<CollectionSearch.Found> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits")) {
            hits.add(new CollectionSearch.Found(hit.path("collection").asText(), new SearchHit(chunk(hit, null), hit.path("score").asDouble(),
                    number(hit.at("/scores/vector")), number(hit.at("/scores/keyword")))));
        }
        return new Searched(query, new CollectionSearch.Result(hits, (long) (response.path("tookMs").asDouble() * 1000)));
    }

    /** A chat body of one question; a single collection's citations name none, so its name is asked when not given. */
    @Override
    public Answered answer(ApiKeys.Caller caller, JsonNode arguments) {
        ObjectNode chat = arguments.deepCopy();
        JsonNode question = chat.remove("question");
        chat.putArray("messages").addObject().put("role", "user").set("content", question);
        chat.put("stream", false);
        ChatAnswer answer = json.convertValue(call(() -> server.post("/v1/chat", chat)), ChatAnswer.class);
        JsonNode named = arguments.path("collections");
        return new Answered(answer, named.isArray() && !named.isEmpty() ? named.get(0).asText() : defaultCollection());
    }

    @Override
    public Passages fetch(ApiKeys.Caller caller, String collection, String id) {
        String name = collection == null ? defaultCollection() : collection;
        Map<String, Object> query = Map.of("collection", name);
        if (ChunkIds.parse(id).isPresent()) {
            JsonNode chunk = call(() -> server.get("/v1/chunks/" + path(id), query, JsonNode.class));
            return new Passages(name, List.of(chunk(chunk, null)));
        }
        JsonNode document = call(() -> server.get("/v1/documents/" + path(id), query, JsonNode.class));
        List<IndexedChunk> chunks = new ArrayList<>();
        for (JsonNode chunk : document.path("chunks")) chunks.add(chunk(chunk, document));
        return new Passages(name, chunks);
    }

    @Override
    public List<Shelf> collections(ApiKeys.Caller caller) {
        List<Shelf> shelves = new ArrayList<>();
        for (JsonNode c : call(() -> server.get("/v1/collections", Map.of(), JsonNode.class)).path("collections")) {
            shelves.add(new Shelf(c.path("name").asText(), c.path("model").asText(), c.path("dimensions").asInt(),
                    c.path("documents").asInt(), c.path("chunks").asInt(), c.path("isDefault").asBoolean()));
        }
        return shelves;
    }

    private String defaultCollection() {
        JsonNode listed = call(() -> server.get("/v1/collections", Map.of(), JsonNode.class));
        if (!listed.hasNonNull("default")) throw new QuarryException(QuarryException.Kind.INVALID, "collection", "name a collection");
        return listed.get("default").asText();
    }

    /** A chunk as the API writes it (a hit, a chunk, a document's chunk), with its document's fields where given. */
    private static IndexedChunk chunk(JsonNode c, JsonNode document) {
        JsonNode doc = document == null ? c : document;
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.asText()));
        return new IndexedChunk(c.path("chunkId").asText(), c.path("docId").asText(), c.path("path").asText(),
                c.path("title").asText(null), c.path("section").asText(null), c.path("text").asText(), c.path("start").asInt(),
                c.path("end").asInt(), c.path("page").asInt(0), doc.path("contentHash").asText(null), doc.path("modified").asLong(),
                doc.path("type").asText(null), tags, null);
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    /** An id as a URL path: each segment encoded, the slashes between them kept, as the routes read ids. */
    private static String path(String id) {
        List<String> segments = new ArrayList<>();
        for (String segment : id.split("/", -1)) segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        return String.join("/", segments);
    }

    private static <T> T call(Request<T> request) {
        try {
            return request.send();
        } catch (ServerClient.Unreachable e) {
            throw new QuarryException(QuarryException.Kind.UNAVAILABLE, null, e.getMessage() + "; start the server again, or"
                    + " restart the agent's Quarry to search in its own process");
        }
    }
}
