package dev.quarry.index.solr;

import dev.quarry.index.Candidate;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexedChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * One search's view of a Solr collection. Solr has no point in time that several requests share, so the view keeps
 * what its searches returned: each chunk found gets a reference (the same one when the vector and the keyword search
 * both find it, so fusion can join them) and its stored fields come back with the search. Vectors, needed only
 * for diversity, are fetched on the first ask for all the view's chunks at once.
 */
final class SolrIndexView implements IndexView {

    /** Chunk ids per vector request, well under Solr's limit of boolean clauses. */
    private static final int VECTOR_BATCH = 500;

    private final SolrReads reads;
    private final HnswSettings hnsw;
    private final Map<String, Integer> refs = new HashMap<>();
    private final List<IndexedChunk> chunks = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();

    SolrIndexView(SolrReads reads, HnswSettings hnsw) {
        this.reads = reads;
        this.hnsw = hnsw;
    }

    @Override
    public List<Candidate> vectorSearch(float[] vector, int k, ChunkFilter filter) {
        // Solr's kNN scores a dot product as (1 + cos) / 2, as Lucene does; callers want the cosine itself.
        return candidates(SolrQueries.nearest(vector, k, hnsw.searchCandidates(), filter), true);
    }

    @Override
    public List<Candidate> keywordSearch(String query, int k, ChunkFilter filter) {
        if (query.isBlank()) return List.of();
        return candidates(SolrQueries.keyword(query, k, filter), false);
    }

    private List<Candidate> candidates(ModifiableSolrParams params, boolean cosine) {
        List<Candidate> found = new ArrayList<>();
        for (SolrDocument d : reads.search(params).getResults()) {
            float score = ((Number) d.getFirstValue("score")).floatValue();
            found.add(new Candidate(ref(d), cosine ? 2 * score - 1 : score));
        }
        return found;
    }

    private int ref(SolrDocument d) {
        return refs.computeIfAbsent((String) d.getFirstValue(SolrFields.CHUNK_ID), id -> {
            chunks.add(SolrChunkDocuments.fromDocument(d, null));
            vectors.add(null);
            return chunks.size() - 1;
        });
    }

    @Override
    public boolean holdsVectors() {
        return false;
    }

    @Override
    public String docId(int ref) {
        return chunks.get(ref).docId();
    }

    @Override
    public IndexedChunk chunk(int ref) {
        return chunks.get(ref);
    }

    @Override
    public List<Integer> documentRefs(String docId) {
        List<SolrDocument> found = new ArrayList<>();
        reads.forEach(SolrQueries.term(SolrFields.DOC_ID, docId), SolrFields.CHUNK_FIELDS, found::add);
        return found.stream().map(this::ref).toList();
    }

    @Override
    public float[] vector(int ref) {
        if (vectors.get(ref) == null) fetchVectors();
        float[] v = vectors.get(ref);
        if (v == null) {
            throw new IndexException("chunk " + chunks.get(ref).chunkId() + " was replaced or deleted during the search; search again");
        }
        return v.clone();
    }

    private void fetchVectors() {
        List<String> missing = new ArrayList<>();
        for (int ref = 0; ref < chunks.size(); ref++) if (vectors.get(ref) == null) missing.add(chunks.get(ref).chunkId());
        for (int from = 0; from < missing.size(); from += VECTOR_BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + VECTOR_BATCH));
            for (SolrDocument d : reads.query(SolrQueries.anyOf(SolrFields.CHUNK_ID, batch),
                    SolrFields.CHUNK_ID + "," + SolrFields.VECTOR, batch.size())) {
                vectors.set(refs.get((String) d.getFirstValue(SolrFields.CHUNK_ID)), SolrChunkDocuments.vector(d));
            }
        }
    }
}
