package dev.quarry.testing;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.Pooling;
import dev.quarry.text.TextTokenizer;
import dev.quarry.embed.Vectors;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic embedder for fast tests: hashed bag of lower-cased words, normalized. Texts sharing words are
 * similar, so rankings are predictable; it counts the passages it embeds.
 */
public class FakeEmbedder implements Embedder {

    public static final int DIMENSIONS = 64;

    private final AtomicInteger passagesEmbedded = new AtomicInteger();
    private final WordTokenizer tokenizer = new WordTokenizer(510);

    @Override
    public ModelInfo model() {
        return new ModelInfo("fake-bag-of-words", DIMENSIONS, Pooling.MEAN, "", "", 512);
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        passagesEmbedded.addAndGet(passages.size());
        return passages.stream().map(FakeEmbedder::vector).toArray(float[][]::new);
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    @Override
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public int passagesEmbedded() {
        return passagesEmbedded.get();
    }

    public static float[] vector(String text) {
        float[] v = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) v[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
        }
        v[0] += 0.01f; // never the zero vector
        Vectors.normalize(v);
        return v;
    }

    @Override
    public void close() {
    }
}
