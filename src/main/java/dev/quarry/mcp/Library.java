package dev.quarry.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.index.IndexedChunk;
import dev.quarry.search.SearchQuery;
import dev.quarry.security.ApiKeys;
import java.util.List;

/**
 * What the MCP tools and resources do, for one caller: the services, scopes and limits of the HTTP API. Arguments
 * carry the HTTP API's field names, so a value means the same through both. Failures are {@code QuarryException}s
 * whose message is meant for the caller.
 */
public interface Library {

    /** A search as it ran: the query with its defaults filled in, and the hits. */
    record Searched(SearchQuery query, CollectionSearch.Result result) {
    }

    /** A collection as listed: its model and counts, and whether requests that name none use it. */
    record Shelf(String name, String model, int dimensions, int documents, int chunks, boolean isDefault) {
    }

    /** An answer, and the collection its citations are in when they do not name one (a single collection's). */
    record Answered(ChatAnswer answer, String collection) {
    }

    /** One chunk, or a document's chunks in order, and the collection they are in. */
    record Passages(String collection, List<IndexedChunk> chunks) {
    }

    Searched search(ApiKeys.Caller caller, JsonNode arguments);

    Answered answer(ApiKeys.Caller caller, JsonNode arguments);

    /** A chunk (by chunk id) or a whole document (by document id) of {@code collection} (null: the default). */
    Passages fetch(ApiKeys.Caller caller, String collection, String id);

    List<Shelf> collections(ApiKeys.Caller caller);
}
