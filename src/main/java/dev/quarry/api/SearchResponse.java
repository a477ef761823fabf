package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.search.Highlight;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The body of a search response. */
record SearchResponse(String query, String mode, int k, int offset, double tookMs, List<Hit> hits) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hit(int rank, String collection, String chunkId, String docId, String path, String title, String section, String text,
               int start, int end, Integer page, String type, List<String> tags, double score, Scores scores,
               List<Highlight> highlights, List<SearchHit.Repeat> repeats) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scores(Double vector, Double keyword) {
    }

    static SearchResponse of(SearchQuery query, CollectionSearch.Result result) {
        List<Hit> hits = new ArrayList<>(result.hits().size());
        int rank = query.offset();
        for (CollectionSearch.Found found : result.hits()) {
            SearchHit h = found.hit();
            var c = h.chunk();
            hits.add(new Hit(++rank, found.collection(), c.chunkId(), c.docId(), c.path(), c.title(), c.section(), c.text(), c.start(),
                    c.end(), c.page() > 0 ? c.page() : null, c.type(), c.tags(), h.score(),
                    new Scores(h.vectorScore(), h.keywordScore()), h.highlights(), h.repeats().isEmpty() ? null : h.repeats()));
        }
        return new SearchResponse(query.text(), query.mode().name().toLowerCase(Locale.ROOT), query.k(), query.offset(),
                result.tookMicros() / 1000.0, hits);
    }
}
