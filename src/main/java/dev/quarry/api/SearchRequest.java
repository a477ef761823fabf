package dev.quarry.api;

import dev.quarry.collection.Collection;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.security.ApiKeys;
import io.javalin.http.Context;
import java.util.List;

/** The body of {@code POST /v1/search}, validated field by field. */
final class SearchRequest {

    static final int MAX_QUERY_CHARS = 4096;

    private SearchRequest() {
    }

    static SearchQuery read(JsonBody body) {
        return read(query(body), body.integer("k", 10, 1, SearchQuery.MAX_K), body);
    }

    /** {@code collection} (one name) or {@code collections} (a list); neither: the caller's default collection. */
    static List<Collection> collections(Context ctx, Scope scope, JsonBody body) {
        return collections((ApiKeys.Caller) ctx.attribute(Gate.CALLER), scope, body);
    }

    static List<Collection> collections(ApiKeys.Caller caller, Scope scope, JsonBody body) {
        String one = body.text("collection", null);
        List<String> many = body.texts("collections");
        if (one != null && !many.isEmpty()) {
            throw ApiException.badRequest("collections", "give either collection or collections, not both");
        }
        return many.isEmpty() ? List.of(scope.one(caller, one, "collection")) : scope.many(caller, many, "collections");
    }

    static String query(JsonBody body) {
        String query = body.requiredText("query");
        if (query.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("query", "query must be at most " + MAX_QUERY_CHARS + " characters, got " + query.length());
        }
        return query;
    }

    /** A query whose settings (mode, fusion, filter…) come from {@code settings}, which may be a nested object. */
    static SearchQuery read(String query, int k, JsonBody body) {
        int offset = body.integer("offset", 0, 0, 10_000);
        SearchMode mode = body.choice("mode", SearchMode.class, SearchMode.HYBRID);
        Double minScore = body.number("minScore", -1e9, 1e9);
        ChunkFilter chunkFilter = body.filter();
        double diversity = body.number("diversity", 0, 1) == null ? 0 : body.number("diversity", 0, 1);
        return new SearchQuery(query, k, offset, mode, chunkFilter, minScore, fusion(body.object("fusion")), diversity,
                body.bool("collapse", false), body.bool("highlight", false), body.tuning(), body.bool("repeats", false));
    }

    /**
     * The request's fusion, or null for the server's default when it sets none. Without a method, a vector weight
     * means weighted fusion and a k means rank fusion.
     */
    private static FusionSettings fusion(JsonBody fusion) {
        Double weight = fusion.number("vectorWeight", 0, 1);
        Integer k = fusion.has("k") ? fusion.integer("k", 0, 1, 10_000) : null;
        FusionSettings.Method m = fusion.choice("method", FusionSettings.Method.class,
                weight != null ? FusionSettings.Method.WEIGHTED : k != null ? FusionSettings.Method.RRF : null);
        if (m == null) return null;
        FusionSettings defaults = FusionSettings.DEFAULT;
        return new FusionSettings(m, k == null ? defaults.rrfK() : k, weight == null ? defaults.vectorWeight() : weight);
    }
}
