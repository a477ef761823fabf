package dev.quarry.embed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quarry.text.TextTokenizer;
import java.util.List;

/** Remembers query vectors: users repeat and page through the same queries, and embedding is the slow part. */
public final class CachingEmbedder implements Embedder {

    private final Embedder delegate;
    private final Cache<String, float[]> queries;

    public CachingEmbedder(Embedder delegate, long maxQueries) {
        this.delegate = delegate;
        this.queries = Caffeine.newBuilder().maximumSize(maxQueries).recordStats().build();
    }

    @Override
    public float[] embedQuery(String query) {
        // Callers never mutate query vectors, so the cached array is shared.
        return queries.get(query, delegate::embedQuery);
    }

    public double hitRate() {
        return queries.stats().hitRate();
    }

    @Override
    public ModelInfo model() {
        return delegate.model();
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        return delegate.embedPassages(passages);
    }

    @Override
    public TextTokenizer tokenizer() {
        return delegate.tokenizer();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
