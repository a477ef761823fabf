package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.util.List;

/**
 * Token ids of texts as the model takes them (special tokens added, truncated at the model's limit). It asks the
 * tokenizer binding's native calls for the ids alone: the binding's {@code Encoding} also copies out the tokens as
 * strings, their character spans, type ids and four masks, which a model input does not need (its attention mask is
 * all ones without padding, its type ids all zeros for one sequence). The tokenizer's options (truncation, no
 * padding) live in its native handle, so the ids are the same as {@code Encoding.getIds()}.
 */
final class InputIds implements AutoCloseable {

    private static final TokenizersLibrary NATIVE = TokenizersLibrary.LIB;

    private final HuggingFaceTokenizer tokenizer;

    InputIds(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    long[] of(String text) {
        long encoding = NATIVE.encode(tokenizer.getHandle(), text, true);
        try {
            return NATIVE.getTokenIds(encoding);
        } finally {
            NATIVE.deleteEncoding(encoding);
        }
    }

    long[][] of(List<String> texts) {
        if (texts.size() == 1) return new long[][] {of(texts.getFirst())};
        long[] encodings = NATIVE.batchEncode(tokenizer.getHandle(), texts.toArray(String[]::new), true);
        long[][] ids = new long[encodings.length][];
        try {
            for (int i = 0; i < encodings.length; i++) ids[i] = NATIVE.getTokenIds(encodings[i]);
        } finally {
            for (long e : encodings) NATIVE.deleteEncoding(e);
        }
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
