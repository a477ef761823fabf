package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.Quarry;
import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.ExtractiveAnswerer;
import dev.quarry.chat.ChatService;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Lease;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.mcp.Library;
import dev.quarry.search.SearchQuery;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.RateLimiter;
import dev.quarry.config.QuarryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools' calls, read by the routes' own request readers and scope, so an argument is checked, and a collection
 * hidden, exactly as the HTTP API does: {@code search} reads a search body, {@code answer} a chat body of one question.
 */
public final class ToolCalls implements Library {

    private final Scope scope;
    private final JsonBodies bodies;
    private final ChatQuota quota;

    ToolCalls(Scope scope, JsonBodies bodies, ChatQuota quota) {
        this.scope = scope;
        this.bodies = bodies;
        this.quota = quota;
    }

    /** Calls for a local process (the stdio server): no keys, the deployments' token limits still hold. */
    public static Library of(Quarry quarry) {
        return new ToolCalls(new Scope(quarry::collections), new JsonBodies(new ObjectMapper()),
                new ChatQuota(new RateLimiter(Map.of(), ChatQuota.tokensPerMinute(quarry.config().chatDeployments()), System::nanoTime)));
    }

    /** The deployments an answer may name, in the order the chat service has them: the configured ones, then extractive. */
    public static List<String> deployments(QuarryConfig config) {
        List<String> names = new ArrayList<>();
        for (ChatDeploymentConfig d : config.chatDeployments()) names.add(d.name());
        names.add(ExtractiveAnswerer.DEPLOYMENT);
        return names;
    }

    @Override
    public Searched search(ApiKeys.Caller caller, JsonNode arguments) {
        JsonBody body = bodies.read(arguments, RequestBodies.Search.class);
        SearchQuery query = SearchRequest.read(body);
        return new Searched(query, CollectionSearch.search(SearchRequest.collections(caller, scope, body), query));
    }

    /** The arguments as a chat body: {@code question} becomes its one user message. */
    @Override
    public Answered answer(ApiKeys.Caller caller, JsonNode arguments) {
        ObjectNode chat = arguments.deepCopy();
        JsonNode question = chat.remove("question");
        chat.putArray("messages").addObject().put("role", "user").set("content", question);
        JsonBody body = bodies.read(chat, RequestBodies.Chat.class);
        ChatQuery query = ChatRoutes.read(body);
        List<Collection> collections = SearchRequest.collections(caller, scope, body);
        ChatService service = CollectionSearch.chat(collections);
        String deployment = ChatRoutes.deployment(service, body);
        quota.charge(deployment == null ? service.defaultDeployment() : deployment, query, GenerationSettings.DEFAULT);
        return new Answered(service.answer(query, deployment, GenerationSettings.DEFAULT, null), collections.getFirst().name());
    }

    @Override
    public Passages fetch(ApiKeys.Caller caller, String collection, String id) {
        Collection found = scope.one(caller, collection, "collection");
        try (Lease lease = found.lease()) {
            return passages(found.name(), lease.index(), id);
        }
    }

    private static Passages passages(String collection, ChunkIndex index, String id) {
        if (ChunkIds.parse(id).isPresent()) {
            IndexedChunk chunk = index.chunk(id).orElseThrow(() -> ApiException.notFound("no chunk with id '" + id
                    + "' in collection '" + collection + "'"));
            return new Passages(collection, List.of(chunk));
        }
        List<IndexedChunk> chunks = index.documentChunks(id);
        if (chunks.isEmpty()) {
            throw ApiException.notFound("no document with id '" + id + "' in collection '" + collection
                    + "': ids come from search hits, such as guide.md (a document) or " + ChunkIds.of("guide.md", 3) + " (a chunk)");
        }
        return new Passages(collection, chunks);
    }

    @Override
    public List<Shelf> collections(ApiKeys.Caller caller) {
        String defaultName = scope.collections().defaultName();
        return scope.visible(caller).stream().map(c -> {
            var stats = c.stats();
            var model = c.embedder().model();
            return new Shelf(c.name(), model.id(), model.dimensions(), stats.documents(), stats.chunks(), c.name().equals(defaultName));
        }).toList();
    }
}
