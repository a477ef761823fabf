package dev.quarry.chat;

import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Grounded answering: retrieves sources for the question (with earlier user turns folded in, so a follow-up such
 * as "and in winter?" keeps its subject), refuses when no source is similar enough, and answers from the sources.
 */
public final class ChatService {

    static final String NOT_FOUND = "The documents do not contain an answer to this question.";
    /** Earlier user turns folded into the search query. */
    private static final int HISTORY_TURNS = 2;

    private final Searcher searcher;
    private final ExtractiveAnswerer extractive;

    public ChatService(Searcher searcher, ExtractiveAnswerer extractive) {
        this.searcher = searcher;
        this.extractive = extractive;
    }

    public List<String> deployments() {
        return List.of(ExtractiveAnswerer.DEPLOYMENT);
    }

    public ChatAnswer answer(ChatQuery query) {
        String searchText = searchText(query.messages());
        List<SearchHit> hits = searcher.search(new SearchQuery(searchText, query.k(), 0, SearchMode.HYBRID,
                query.filter(), null, null, 0, false, false)).hits();
        double best = hits.stream().filter(h -> h.vectorScore() != null).mapToDouble(SearchHit::vectorScore).max().orElse(0);
        if (best < query.strictness()) return new ChatAnswer(NOT_FOUND, List.of(), ExtractiveAnswerer.DEPLOYMENT, true);
        return extractive.answer(query.question(), hits);
    }

    /** The question, after up to two earlier user turns, so pronouns and follow-ups still find their subject. */
    static String searchText(List<ChatMessage> messages) {
        List<String> turns = new ArrayList<>();
        for (int i = messages.size() - 2; i >= 0 && turns.size() < HISTORY_TURNS; i--) {
            if (messages.get(i).role().equals("user")) turns.addFirst(messages.get(i).content());
        }
        turns.add(messages.getLast().content());
        return String.join(" ", turns);
    }
}
