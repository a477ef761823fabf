package dev.quarry.tune;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.ModelInfo;
import dev.quarry.text.TextTokenizer;
import java.util.List;
import java.util.Map;

/**
 * The judged queries' vectors, embedded once and moved by an adapter, for the many searches tuning runs; it embeds
 * nothing else.
 */
final class PrecomputedQueries implements Embedder {

    private final Embedder model;
    private final Map<String, float[]> vectors;

    PrecomputedQueries(Embedder model, Map<String, float[]> vectors) {
        this.model = model;
        this.vectors = vectors;
    }

    @Override
    public ModelInfo model() {
        return model.model();
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        throw new UnsupportedOperationException("tuning searches only its judged queries");
    }

    @Override
    public float[] embedQuery(String query) {
        float[] v = vectors.get(query);
        if (v == null) throw new IllegalArgumentException("not a judged query: " + query);
        return v;
    }

    @Override
    public TextTokenizer tokenizer() {
        return model.tokenizer();
    }

    @Override
    public void close() {
        // The model belongs to the collection.
    }
}
