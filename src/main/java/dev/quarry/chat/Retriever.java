package dev.quarry.chat;

import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchQuery;
import java.util.List;

/** Finds the passages an answer is built from: one collection's search, or several collections' merged. */
@FunctionalInterface
public interface Retriever {

    /** A passage and the collection it came from. */
    record Retrieved(String collection, SearchHit hit) {
    }

    List<Retrieved> retrieve(SearchQuery query);
}
