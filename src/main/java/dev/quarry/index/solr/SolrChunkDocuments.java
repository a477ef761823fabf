package dev.quarry.index.solr;

import static dev.quarry.index.solr.SolrFields.*;

import dev.quarry.index.ChunkIds;
import dev.quarry.index.IndexedChunk;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/** Maps chunks to Solr documents and back. */
final class SolrChunkDocuments {

    private SolrChunkDocuments() {
    }

    static SolrInputDocument toDocument(IndexedChunk c, int ordinal, int count) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(CHUNK_ID, ChunkIds.urlSafe(c.chunkId()));
        d.addField(DOC_ID, c.docId());
        d.addField(PATH, c.path());
        d.addField(TITLE, c.title());
        d.addField(SECTION, c.section());
        d.addField(TEXT, c.text());
        d.addField(CONTENT, String.join("\n", c.title(), c.section(), c.text()));
        d.addField(VECTOR, boxed(c.vector()));
        d.addField(START, c.start());
        d.addField(END, c.end());
        d.addField(PAGE, c.page());
        d.addField(ORDINAL, ordinal);
        d.addField(CHUNK_COUNT, count);
        d.addField(CONTENT_HASH, c.contentHash());
        d.addField(MODIFIED, c.modified());
        d.addField(TYPE, c.type());
        // An empty list would set no value, as a chunk without tags has none.
        if (!c.tags().isEmpty()) d.addField(TAGS, new ArrayList<>(c.tags()));
        return d;
    }

    static IndexedChunk fromDocument(SolrDocument d, float[] vector) {
        return new IndexedChunk((String) d.getFirstValue(CHUNK_ID), string(d, DOC_ID), string(d, PATH), string(d, TITLE),
                string(d, SECTION), string(d, TEXT), number(d, START).intValue(), number(d, END).intValue(),
                number(d, PAGE).intValue(), string(d, CONTENT_HASH), number(d, MODIFIED).longValue(), string(d, TYPE),
                tags(d), vector);
    }

    /** A stored vector as Solr returns it: a list of numbers. */
    static float[] vector(SolrDocument d) {
        Collection<Object> values = d.getFieldValues(VECTOR);
        if (values == null) throw new IllegalStateException("chunk " + d.getFirstValue(CHUNK_ID) + " has no stored vector");
        float[] v = new float[values.size()];
        int i = 0;
        for (Object value : values) v[i++] = ((Number) value).floatValue();
        return v;
    }

    private static List<Float> boxed(float[] vector) {
        List<Float> list = new ArrayList<>(vector.length);
        for (float x : vector) list.add(x);
        return list;
    }

    private static String string(SolrDocument d, String field) {
        Object value = d.getFirstValue(field);
        return value == null ? "" : value.toString();
    }

    private static Number number(SolrDocument d, String field) {
        return (Number) d.getFirstValue(field);
    }

    private static List<String> tags(SolrDocument d) {
        Collection<Object> values = d.getFieldValues(TAGS);
        return values == null ? List.of() : values.stream().map(Object::toString).toList();
    }
}
