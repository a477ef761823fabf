package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.quarry.text.TextTokenizer;
import dev.quarry.text.TokenSpans;

/** A HuggingFace tokenizer without special tokens or truncation, for measuring and cutting text. */
final class ModelTokenizer implements TextTokenizer, AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxContentTokens;

    /** The spec's tokenizer, for cutting text into chunks of at most {@code maxContentTokens}. */
    static ModelTokenizer forChunking(OnnxModelSpec spec, int maxContentTokens) {
        DjlOffline.enforce();
        try (var in = spec.openTokenizer()) {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(in, java.util.Map.of("padding", "false",
                    "addSpecialTokens", "false", "truncation", "false")), maxContentTokens);
        } catch (java.io.IOException e) {
            throw new EmbeddingException("cannot load tokenizer " + spec.tokenizerLocation() + ": " + e.getMessage(), e);
        }
    }

    ModelTokenizer(HuggingFaceTokenizer tokenizer, int maxContentTokens) {
        this.tokenizer = tokenizer;
        this.maxContentTokens = maxContentTokens;
    }

    @Override
    public TokenSpans spans(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] starts = new int[spans.length];
        int[] ends = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            // The binding reports no span for tokens it made up (none without special tokens); keep them empty.
            starts[i] = spans[i] == null ? (i == 0 ? 0 : ends[i - 1]) : spans[i].getStart();
            ends[i] = spans[i] == null ? starts[i] : spans[i].getEnd();
        }
        return new TokenSpans(starts, ends);
    }

    @Override
    public int maxContentTokens() {
        return maxContentTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
