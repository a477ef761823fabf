package dev.quarry.collection;

import dev.quarry.chat.ChatService;
import dev.quarry.chat.Retriever;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One query over several collections. Each is searched for its top {@code offset + k}; collections of one model have
 * comparable scores and are merged by score, collections of different models are merged by reciprocal rank fusion
 * (each hit's fused score replaces its own). Ties keep the order in which the collections were named.
 */
public final class CollectionSearch {

    /** A hit and the collection it came from. */
    public record Found(String collection, SearchHit hit) {
    }

    public record Result(List<Found> hits, long tookMicros) {
    }

    /** The usual reciprocal rank fusion constant, as hybrid search uses. */
    private static final int RANK_CONSTANT = 60;

    private CollectionSearch() {
    }

    /** A chat service answering from the collections' merged search, with the first collection's models. */
    public static ChatService chat(List<Collection> collections) {
        if (collections.size() == 1) return collections.getFirst().chat();
        return collections.getFirst().chat().over(query -> search(collections, query).hits().stream()
                .map(f -> new Retriever.Retrieved(f.collection(), f.hit())).toList());
    }

    public static Result search(List<Collection> collections, SearchQuery query) {
        long started = System.nanoTime();
        if (collections.size() == 1) {
            Collection only = collections.getFirst();
            SearchResult result = only.search(query);
            return new Result(result.hits().stream().map(h -> new Found(only.name(), h)).toList(), result.tookMicros());
        }
        SearchQuery top = new SearchQuery(query.text(), query.offset() + query.k(), 0, query.mode(), query.filter(),
                query.minScore(), query.fusion(), query.diversity(), query.collapse(), query.highlight(), query.tuning(),
                query.repeats());
        List<List<Found>> lists = new ArrayList<>();
        for (Collection c : collections) {
            lists.add(c.search(top).hits().stream().map(h -> new Found(c.name(), h)).toList());
        }
        boolean oneModel = collections.stream().map(c -> c.embedder().model().id()).distinct().count() == 1;
        List<Found> merged = oneModel ? byScore(lists) : byRank(lists);
        int from = Math.min(query.offset(), merged.size());
        List<Found> page = merged.subList(from, Math.min(merged.size(), from + query.k()));
        return new Result(List.copyOf(page), (System.nanoTime() - started) / 1000);
    }

    private static List<Found> byScore(List<List<Found>> lists) {
        List<Found> all = new ArrayList<>();
        lists.forEach(all::addAll);
        // A stable sort: equal scores keep the collections' order.
        all.sort(Comparator.comparingDouble((Found f) -> f.hit().score()).reversed());
        return all;
    }

    private static List<Found> byRank(List<List<Found>> lists) {
        Map<Found, Double> fused = new HashMap<>();
        List<Found> all = new ArrayList<>();
        for (List<Found> list : lists) {
            for (int rank = 0; rank < list.size(); rank++) {
                Found f = list.get(rank);
                fused.put(f, 1.0 / (RANK_CONSTANT + rank + 1));
                all.add(f);
            }
        }
        all.sort(Comparator.comparingDouble((Found f) -> fused.get(f)).reversed());
        return all.stream().map(f -> {
            SearchHit h = f.hit();
            return new Found(f.collection(), new SearchHit(h.chunk(), fused.get(f), h.vectorScore(), h.keywordScore(),
                    h.highlights(), h.repeats()));
        }).toList();
    }
}
