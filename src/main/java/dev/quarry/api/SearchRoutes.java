package dev.quarry.api;

import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code POST /v1/search}. */
final class SearchRoutes {

    private final Searcher searcher;
    private final JsonBodies bodies;

    SearchRoutes(Searcher searcher, JsonBodies bodies) {
        this.searcher = searcher;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/search", this::search, Access.READER);
    }

    private void search(Context ctx) {
        SearchQuery query = SearchRequest.read(bodies.read(ctx.body(), RequestBodies.Search.class));
        ctx.json(SearchResponse.of(query, searcher.search(query)));
    }
}
