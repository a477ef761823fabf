package dev.quarry.index.lucene;

import static dev.quarry.index.lucene.IndexFields.*;

import dev.quarry.index.ChunkIds;
import dev.quarry.index.IndexedChunk;
import java.util.Arrays;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * Maps chunks to Lucene documents and back. Chunk ids are stored in their older form ({@code guide.md#3}) and read
 * as {@code guide.md~3}, so indexes written before the URL-safe form serve it as they are, without re-embedding, and
 * new ones are written the same way (one form on disk).
 */
final class ChunkDocuments {

    private ChunkDocuments() {
    }

    static Document toDocument(IndexedChunk c, int ordinal) {
        Document d = new Document();
        d.add(new StringField(CHUNK_ID, storedId(c.chunkId()), Field.Store.YES));
        d.add(new StringField(DOC_ID, c.docId(), Field.Store.YES));
        // Doc values let change detection read every file's hash without loading stored fields.
        d.add(new SortedDocValuesField(DOC_ID, new BytesRef(c.docId())));
        d.add(new StringField(PATH, c.path(), Field.Store.YES));
        d.add(new StoredField(TITLE, c.title()));
        d.add(new StoredField(SECTION, c.section()));
        d.add(new StoredField(TEXT, c.text()));
        d.add(new TextField(CONTENT, String.join("\n", c.title(), c.section(), c.text()), Field.Store.NO));
        d.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new StoredField(START, c.start()));
        d.add(new StoredField(END, c.end()));
        d.add(new StoredField(PAGE, c.page()));
        d.add(new IntPoint(ORDINAL, ordinal));
        d.add(new StoredField(ORDINAL, ordinal));
        d.add(new NumericDocValuesField(ORDINAL, ordinal));
        d.add(new StringField(CONTENT_HASH, c.contentHash(), Field.Store.YES));
        d.add(new SortedDocValuesField(CONTENT_HASH, new BytesRef(c.contentHash())));
        d.add(new LongPoint(MODIFIED, c.modified()));
        d.add(new StoredField(MODIFIED, c.modified()));
        d.add(new StringField(TYPE, c.type(), Field.Store.YES));
        for (String tag : c.tags()) d.add(new StringField(TAGS, tag, Field.Store.YES));
        return d;
    }

    static IndexedChunk fromDocument(Document d, float[] vector) {
        return new IndexedChunk(ChunkIds.urlSafe(d.get(CHUNK_ID)), d.get(DOC_ID), d.get(PATH), d.get(TITLE), d.get(SECTION),
                d.get(TEXT), intOf(d, START), intOf(d, END), intOf(d, PAGE), d.get(CONTENT_HASH),
                d.getField(MODIFIED).numericValue().longValue(), d.get(TYPE), Arrays.asList(d.getValues(TAGS)),
                vector);
    }

    /** The term a chunk id is stored and looked up as, whichever form it is given in. */
    static String storedId(String chunkId) {
        return ChunkIds.oldForm(chunkId);
    }

    private static int intOf(Document d, String field) {
        return d.getField(field).numericValue().intValue();
    }
}
