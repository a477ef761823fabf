package dev.quarry.testing;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.text.TextTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A configured ONNX model, loaded once per test JVM, that keeps the vector of every passage it has embedded: tests
 * that ingest the sample corpus into each backend embed it once (embedding is most of an ingest's time). The vectors
 * are the model's own. Quarry closes the models it is given; this one stays loaded until the JVM exits.
 */
public final class SharedModel implements Embedder {

    private static final Map<EmbeddingConfig.Onnx, SharedModel> LOADED = new HashMap<>();

    private final Embedder model;
    private final Map<String, float[]> passages = new ConcurrentHashMap<>();

    private SharedModel(Embedder model) {
        this.model = model;
    }

    /** For {@code Quarry.open(config, env, SharedModel::of)}. */
    public static synchronized Embedder of(EmbeddingConfig config) {
        if (!(config instanceof EmbeddingConfig.Onnx onnx)) throw new IllegalArgumentException("not an ONNX model: " + config);
        return LOADED.computeIfAbsent(onnx, c -> new SharedModel(new OnnxEmbedder(c.model(), c.batchSize(), c.threads())));
    }

    @Override
    public ModelInfo model() {
        return model.model();
    }

    @Override
    public float[][] embedPassages(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String text : texts) if (!passages.containsKey(text) && !missing.contains(text)) missing.add(text);
        if (!missing.isEmpty()) {
            float[][] vectors = model.embedPassages(missing);
            for (int i = 0; i < missing.size(); i++) passages.put(missing.get(i), vectors[i]);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) out[i] = passages.get(texts.get(i)).clone();
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embedQuery(query);
    }

    @Override
    public TextTokenizer tokenizer() {
        return model.tokenizer();
    }

    /** Stays loaded for the next test. */
    @Override
    public void close() {
    }
}
