package dev.quarry.index.lucene;

import dev.quarry.index.ChunkFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Builds Lucene queries from Quarry's: bag-of-words BM25 queries and filters. */
final class LuceneQueries {

    private LuceneQueries() {
    }

    /**
     * A bag-of-words query: each analyzed term once, boosted by how often the query repeats it. No query syntax is
     * interpreted, so any user text is a valid query.
     */
    static Query keyword(Analyzer analyzer, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.CONTENT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) counts.merge(term.toString(), 1, Integer::sum);
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (counts.isEmpty()) return new MatchNoDocsQuery("no searchable terms");
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        counts.entrySet().stream().limit(IndexSearcher.getMaxClauseCount()).forEach(e -> {
            Query q = new TermQuery(new Term(IndexFields.CONTENT, e.getKey()));
            query.add(e.getValue() == 1 ? q : new BoostQuery(q, e.getValue()), BooleanClause.Occur.SHOULD);
        });
        return query.build();
    }

    /** The filter as a Lucene query, or null when it restricts nothing. */
    static Query filter(ChunkFilter filter) {
        if (filter == null || filter.isEmpty()) return null;
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        if (filter.pathPrefix() != null) {
            q.add(new PrefixQuery(new Term(IndexFields.PATH, filter.pathPrefix())), BooleanClause.Occur.FILTER);
        }
        if (!filter.types().isEmpty()) {
            q.add(new TermInSetQuery(IndexFields.TYPE, filter.types().stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        if (!filter.tags().isEmpty()) {
            q.add(new TermInSetQuery(IndexFields.TAGS, filter.tags().stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        if (filter.modifiedFrom() != null || filter.modifiedTo() != null) {
            long from = filter.modifiedFrom() == null ? Long.MIN_VALUE : filter.modifiedFrom();
            long to = filter.modifiedTo() == null ? Long.MAX_VALUE : filter.modifiedTo();
            q.add(LongPoint.newRangeQuery(IndexFields.MODIFIED, from, to), BooleanClause.Occur.FILTER);
        }
        return q.build();
    }
}
