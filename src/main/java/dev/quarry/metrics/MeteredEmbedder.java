package dev.quarry.metrics;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.ModelInfo;
import dev.quarry.text.TextTokenizer;
import java.time.Duration;
import java.util.List;

/** An embedder whose every call is timed and its batch size recorded. */
public final class MeteredEmbedder implements Embedder {

    private final Embedder delegate;
    private final QuarryMetrics metrics;

    public MeteredEmbedder(Embedder delegate, QuarryMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public ModelInfo model() {
        return delegate.model();
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        long started = System.nanoTime();
        float[][] vectors = delegate.embedPassages(passages);
        metrics.embedded("passages", passages.size(), Duration.ofNanos(System.nanoTime() - started));
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        long started = System.nanoTime();
        float[] vector = delegate.embedQuery(query);
        metrics.embedded("query", 1, Duration.ofNanos(System.nanoTime() - started));
        return vector;
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
