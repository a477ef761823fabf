package dev.quarry.index.solr;

import dev.quarry.index.ChunkIds;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.ShardParams;
import org.apache.solr.common.params.SolrParams;

/** Queries of one collection, sent as POST so that long query vectors and id lists fit. */
final class SolrReads {

    private static final int PAGE = 1000;

    private final SolrNodes nodes;
    private final String collection;

    SolrReads(SolrNodes nodes, String collection) {
        this.nodes = nodes;
        this.collection = collection;
    }

    QueryResponse search(SolrParams params) {
        return new QueryResponse(nodes.request(new QueryRequest(params, SolrRequest.METHOD.POST), collection), null);
    }

    SolrDocumentList query(String q, String fields, int rows) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set(CommonParams.Q, q);
        params.set(CommonParams.FL, fields);
        params.set(CommonParams.ROWS, rows);
        return search(params).getResults();
    }

    /** A document's chunk count and the version of its first chunk, as a replacement reads them. */
    record FirstChunk(int count, long version) {
        /** For a document without chunks: a write naming a negative version applies only while there is none. */
        static final FirstChunk NONE = new FirstChunk(0, -1);
    }

    /**
     * How many chunks the document has now, uncommitted writes included, and the version of its first chunk: read
     * from that chunk by Solr's real-time get, on the one shard the document is routed to.
     */
    FirstChunk firstChunk(String docId) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("id", ChunkIds.of(docId, 0));
        params.set(ShardParams._ROUTE_, docId);
        params.set(CommonParams.FL, SolrFields.CHUNK_COUNT + "," + SolrFields.VERSION);
        QueryRequest get = new QueryRequest(params);
        get.setPath("/get");
        return nodes.request(get, collection).get("doc") instanceof SolrDocument d
                ? new FirstChunk(((Number) d.getFirstValue(SolrFields.CHUNK_COUNT)).intValue(),
                        ((Number) d.getFirstValue(SolrFields.VERSION)).longValue())
                : FirstChunk.NONE;
    }

    /** The document that holds the manifest and sources, uncommitted writes included, with its version; null when absent. */
    SolrDocument meta() {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("id", SolrMeta.ID);
        params.set(ShardParams._ROUTE_, SolrMeta.ID);
        params.set(CommonParams.FL, SolrFields.META + "," + SolrFields.VERSION);
        QueryRequest get = new QueryRequest(params);
        get.setPath("/get");
        return nodes.request(get, collection).get("doc") instanceof SolrDocument d ? d : null;
    }

    long count(String q) {
        return query(q, SolrFields.CHUNK_ID, 0).getNumFound();
    }

    /** Every document matching {@code q}, in chunk id order, a page at a time. */
    void forEach(String q, String fields, Consumer<SolrDocument> action) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set(CommonParams.Q, q);
        params.set(CommonParams.FL, fields);
        params.set(CommonParams.ROWS, PAGE);
        params.set(CommonParams.SORT, SolrFields.CHUNK_ID + " asc");
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            params.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse page = search(params);
            page.getResults().forEach(action);
            String next = page.getNextCursorMark();
            if (next == null || next.equals(cursor)) return;
            cursor = next;
        }
    }
}
