package dev.quarry.index.solr;

import dev.quarry.index.ChunkFilter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/** Builds Solr requests from Quarry's searches: kNN and BM25 queries, and filters as filter queries. */
final class SolrQueries {

    /** Every chunk and nothing else: the one document that is not a chunk has no ordinal. */
    static final String ALL_CHUNKS = SolrFields.ORDINAL + ":[0 TO *]";
    /** Each document's first chunk: one per indexed document. */
    static final String FIRST_CHUNKS = SolrFields.ORDINAL + ":0";
    /** Equal scores rank by chunk id, the same on every shard, replica and run. */
    private static final String RANKING = "score desc," + SolrFields.CHUNK_ID + " asc";
    private static final String PATH_PREFIX_PARAM = "quarry.pathPrefix";

    private SolrQueries() {
    }

    /** The {@code k} nearest chunks, exploring {@code candidates} per shard; Solr applies the filters before the search. */
    static ModifiableSolrParams nearest(float[] vector, int k, int candidates, ChunkFilter filter) {
        StringBuilder q = new StringBuilder("{!knn f=").append(SolrFields.VECTOR).append(" topK=")
                .append(Math.max(k, candidates)).append("}[");
        for (int i = 0; i < vector.length; i++) q.append(i == 0 ? "" : ",").append(vector[i]);
        return ranked(q.append(']').toString(), k, filter);
    }

    /**
     * A bag-of-words BM25 query: the text is escaped whole, so no query syntax is interpreted and any user text is a
     * valid query; the field's English analyzer splits it into terms that each may match, a repeated term counting
     * once more each time, as Quarry's Lucene query boosts it.
     */
    static ModifiableSolrParams keyword(String text, int k, ChunkFilter filter) {
        ModifiableSolrParams params = ranked(ClientUtils.escapeQueryChars(text), k, filter);
        params.set("defType", "lucene");
        params.set(CommonParams.DF, SolrFields.CONTENT);
        params.set("q.op", "OR");
        return params;
    }

    private static ModifiableSolrParams ranked(String q, int k, ChunkFilter filter) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set(CommonParams.Q, q);
        params.set(CommonParams.ROWS, k);
        params.set(CommonParams.SORT, RANKING);
        params.set(CommonParams.FL, SolrFields.CHUNK_FIELDS + ",score");
        addFilter(params, filter);
        return params;
    }

    static void addFilter(ModifiableSolrParams params, ChunkFilter filter) {
        if (filter == null || filter.isEmpty()) return;
        if (filter.pathPrefix() != null) {
            // Dereferenced, so the prefix needs no escaping.
            params.add(CommonParams.FQ, "{!prefix f=" + SolrFields.PATH + " v=$" + PATH_PREFIX_PARAM + "}");
            params.set(PATH_PREFIX_PARAM, filter.pathPrefix());
        }
        if (!filter.types().isEmpty()) params.add(CommonParams.FQ, anyOf(SolrFields.TYPE, filter.types()));
        if (!filter.tags().isEmpty()) params.add(CommonParams.FQ, anyOf(SolrFields.TAGS, filter.tags()));
        if (filter.modifiedFrom() != null || filter.modifiedTo() != null) {
            params.add(CommonParams.FQ, SolrFields.MODIFIED + ":[" + bound(filter.modifiedFrom()) + " TO "
                    + bound(filter.modifiedTo()) + "]");
        }
    }

    /** Chunks whose {@code field} holds one of {@code values}. */
    static String anyOf(String field, List<String> values) {
        return field + ":(" + values.stream().map(ClientUtils::escapeQueryChars).collect(Collectors.joining(" OR ")) + ")";
    }

    static String term(String field, String value) {
        return field + ":" + ClientUtils.escapeQueryChars(value);
    }

    private static String bound(Long value) {
        return value == null ? "*" : value.toString();
    }
}
