package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.collection.Collection;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.search.SearchQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/compare}: one query against two settings, collections or chat deployments, side by side, with the
 * overlap of their top k and how each hit moved, so a user can choose between them on their own documents.
 */
final class CompareRoutes {

    private final Scope scope;
    private final ChatQuota quota;
    private final JsonBodies bodies;

    CompareRoutes(Scope scope, ChatQuota quota, JsonBodies bodies) {
        this.scope = scope;
        this.quota = quota;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/compare", this::compare, Access.READER);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Side(String label, String collection, String deployment, SearchResponse search, ChatAnswer answer) {
    }

    /** Shared hits among the top k, as a count and as a fraction of k; chunks and, coarser, documents. */
    record Overlap(int shared, double atK, int sharedDocuments, double documentsAtK) {
    }

    /** Where a chunk ranks on each side; null where it is not in that side's top k. */
    record Move(String chunkId, String docId, Integer leftRank, Integer rightRank) {
    }

    record Comparison(String query, int k, Side left, Side right, Overlap overlap, List<Move> moves) {
    }

    private void compare(Context ctx) {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Compare.class);
        String query = SearchRequest.query(body);
        int k = body.integer("k", 10, 1, 100);
        Side left = run(ctx, query, k, body.object("left"), "left");
        Side right = run(ctx, query, k, body.object("right"), "right");
        ctx.json(new Comparison(query, k, left, right, overlap(left, right, k), moves(left, right)));
    }

    private Side run(Context ctx, String query, int k, JsonBody settings, String side) {
        Collection collection = scope.one(ctx, settings.text("collection", null), side + ".collection");
        SearchQuery searchQuery = SearchRequest.read(query, k, settings);
        SearchResponse search = SearchResponse.of(searchQuery, CollectionSearch.search(List.of(collection), searchQuery));
        String deployment = ChatRoutes.deployment(collection.chat(), settings);
        ChatAnswer answer = null;
        if (deployment != null) {
            Double strictness = settings.number("strictness", 0, 1);
            ChatQuery question = new ChatQuery(List.of(new ChatMessage("user", query)), Math.min(k, 50),
                    searchQuery.filter(), strictness == null ? ChatQuery.DEFAULT_STRICTNESS : strictness, searchQuery.tuning());
            GenerationSettings generation = new GenerationSettings(settings.number("temperature", 0, 2), null, null, null);
            quota.charge(deployment, question, generation);
            answer = collection.chat().answer(question, deployment, generation, null);
        }
        String label = settings.text("label", side);
        return new Side(label, collection.name(), deployment, search, answer);
    }

    static Overlap overlap(Side left, Side right, int k) {
        Set<String> leftChunks = new HashSet<>();
        Set<String> leftDocs = new HashSet<>();
        left.search().hits().forEach(h -> {
            leftChunks.add(h.chunkId());
            leftDocs.add(h.docId());
        });
        int shared = (int) right.search().hits().stream().filter(h -> leftChunks.contains(h.chunkId())).count();
        Set<String> rightDocs = new HashSet<>();
        right.search().hits().forEach(h -> rightDocs.add(h.docId()));
        rightDocs.retainAll(leftDocs);
        return new Overlap(shared, (double) shared / k, rightDocs.size(), (double) rightDocs.size() / k);
    }

    /** Every chunk in either top k, in the left side's order then the right's newcomers. */
    static List<Move> moves(Side left, Side right) {
        Map<String, Integer> rightRanks = new HashMap<>();
        right.search().hits().forEach(h -> rightRanks.put(h.chunkId(), h.rank()));
        List<Move> moves = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SearchResponse.Hit h : left.search().hits()) {
            moves.add(new Move(h.chunkId(), h.docId(), h.rank(), rightRanks.get(h.chunkId())));
            seen.add(h.chunkId());
        }
        for (SearchResponse.Hit h : right.search().hits()) {
            if (!seen.contains(h.chunkId())) moves.add(new Move(h.chunkId(), h.docId(), null, h.rank()));
        }
        return moves;
    }
}
