package dev.quarry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.search.SearchQuery;
import dev.quarry.collection.CollectionSearch;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code POST /v1/search}. */
final class SearchRoutes {

    private final Scope scope;
    private final ObjectMapper json;

    SearchRoutes(Scope scope, ObjectMapper json) {
        this.scope = scope;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/search", this::search, Access.READER);
    }

    private void search(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        SearchQuery query = SearchRequest.read(body);
        ctx.json(SearchResponse.of(query, CollectionSearch.search(SearchRequest.collections(ctx, scope, body), query)));
    }
}
