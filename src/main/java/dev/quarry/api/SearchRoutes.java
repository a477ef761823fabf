package dev.quarry.api;

import dev.quarry.search.SearchQuery;
import dev.quarry.collection.CollectionSearch;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code POST /v1/search}. */
final class SearchRoutes {

    private final Scope scope;
    private final JsonBodies bodies;

    SearchRoutes(Scope scope, JsonBodies bodies) {
        this.scope = scope;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/search", this::search, Access.READER);
    }

    private void search(Context ctx) {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Search.class);
        SearchQuery query = SearchRequest.read(body);
        ctx.json(SearchResponse.of(query, CollectionSearch.search(SearchRequest.collections(ctx, scope, body), query)));
    }
}
