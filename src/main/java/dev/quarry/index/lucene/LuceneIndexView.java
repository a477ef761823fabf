package dev.quarry.index.lucene;

import dev.quarry.index.Candidate;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** One acquired searcher: candidates are its top-level Lucene document numbers. */
final class LuceneIndexView implements IndexView {

    private final IndexSearcher searcher;
    private final List<LeafReaderContext> leaves;
    private final Analyzer analyzer;
    private final HnswSettings hnsw;
    /** Documents in the largest segment: a bound on its graph's size, which sets the candidates a search needs. */
    private final int largestSegment;

    LuceneIndexView(IndexSearcher searcher, Analyzer analyzer, HnswSettings hnsw) {
        this.searcher = searcher;
        this.leaves = searcher.getIndexReader().leaves();
        this.analyzer = analyzer;
        this.hnsw = hnsw;
        this.largestSegment = leaves.stream().mapToInt(leaf -> leaf.reader().maxDoc()).max().orElse(0);
    }

    @Override
    public List<Candidate> vectorSearch(float[] vector, int k, ChunkFilter filter) {
        Query query = VectorQueries.nearest(hnsw, vector, k, LuceneQueries.filter(filter), largestSegment);
        // Lucene scores DOT_PRODUCT as (1 + cos) / 2; callers want the cosine itself.
        return search(query, k, true);
    }

    @Override
    public List<Candidate> keywordSearch(String text, int k, ChunkFilter filter) {
        Query keyword = LuceneQueries.keyword(analyzer, text);
        Query restrict = LuceneQueries.filter(filter);
        Query query = restrict == null ? keyword : new BooleanQuery.Builder()
                .add(keyword, BooleanClause.Occur.MUST)
                .add(restrict, BooleanClause.Occur.FILTER)
                .build();
        return search(query, k, false);
    }

    private List<Candidate> search(Query query, int k, boolean cosine) {
        try {
            TopDocs top = searcher.search(query, k);
            List<Candidate> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) hits.add(new Candidate(sd.doc, cosine ? 2 * sd.score - 1 : sd.score));
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String docId(int ref) {
        LeafReaderContext leaf = leaf(ref);
        try {
            SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
            if (ids == null || !ids.advanceExact(ref - leaf.docBase)) throw missing(ref, IndexFields.DOC_ID);
            return ids.lookupOrd(ids.ordValue()).utf8ToString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean holdsVectors() {
        return true;
    }

    @Override
    public float[] vector(int ref) {
        LeafReaderContext leaf = leaf(ref);
        try {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            int doc = ref - leaf.docBase;
            KnnVectorValues.DocIndexIterator it = values == null ? null : values.iterator();
            if (it == null || it.advance(doc) != doc) throw missing(ref, IndexFields.VECTOR);
            return values.vectorValue(it.index()).clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public IndexedChunk chunk(int ref) {
        try {
            return ChunkDocuments.fromDocument(searcher.storedFields().document(ref), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Integer> documentRefs(String docId) {
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.DOC_ID, docId)), Integer.MAX_VALUE);
            List<Integer> refs = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) refs.add(sd.doc);
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LeafReaderContext leaf(int ref) {
        return leaves.get(ReaderUtil.subIndex(ref, leaves));
    }

    /** Every chunk is written with both; one without them was not written by Quarry. */
    private static IllegalStateException missing(int ref, String field) {
        return new IllegalStateException("chunk " + ref + " of the index has no " + field);
    }
}
