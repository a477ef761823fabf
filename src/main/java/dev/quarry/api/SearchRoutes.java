package dev.quarry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code POST /v1/search}. */
final class SearchRoutes {

    private final Searcher searcher;
    private final ObjectMapper json;

    SearchRoutes(Searcher searcher, ObjectMapper json) {
        this.searcher = searcher;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/search", this::search, Access.READER);
    }

    private void search(Context ctx) {
        SearchQuery query = SearchRequest.read(JsonBody.parse(json, ctx.body()));
        ctx.json(SearchResponse.of(query, searcher.search(query)));
    }
}
