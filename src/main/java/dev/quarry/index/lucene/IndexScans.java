package dev.quarry.index.lucene;

import dev.quarry.index.IndexedChunk;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/** Reads that walk the index segment by segment rather than search it: hashes, every chunk. */
final class IndexScans {

    private IndexScans() {
    }

    static Map<String, String> documentHashes(IndexSearcher searcher) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
            SortedDocValues hashValues = leaf.reader().getSortedDocValues(IndexFields.CONTENT_HASH);
            if (ids == null || hashValues == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = ids.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
                if (live != null && !live.get(doc)) continue;
                if (hashValues.advanceExact(doc)) {
                    hashes.put(ids.lookupOrd(ids.ordValue()).utf8ToString(),
                            hashValues.lookupOrd(hashValues.ordValue()).utf8ToString());
                }
            }
        }
        return hashes;
    }

    static void forEachChunk(IndexSearcher searcher, Consumer<IndexedChunk> action) throws IOException {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            KnnVectorValues.DocIndexIterator it = values.iterator();
            for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) continue;
                action.accept(ChunkDocuments.fromDocument(stored.document(doc), values.vectorValue(it.index()).clone()));
            }
        }
    }
}
