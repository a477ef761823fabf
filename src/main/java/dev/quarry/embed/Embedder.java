package dev.quarry.embed;

import dev.quarry.text.TextTokenizer;
import java.util.List;

/** Turns text into L2-normalized vectors. Implementations are thread-safe. */
public interface Embedder extends AutoCloseable {

    ModelInfo model();

    /** Embeds document passages (the passage prefix, if any, is applied here). */
    float[][] embedPassages(List<String> passages);

    /** Embeds one search query (the query instruction prefix, if any, is applied here). */
    float[] embedQuery(String query);

    /** Token-level view of the model's tokenizer, for chunking; null when the model has none locally. */
    TextTokenizer tokenizer();

    @Override
    void close();
}
