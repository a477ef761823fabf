package dev.quarry.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputIdsTest {

    private static final OnnxModelSpec BGE = BundledModels.find("bge-small-en-v1.5-q").orElseThrow();

    @Test
    void ids_from_the_native_calls_equal_the_bindings_encoding_alone_and_in_batches() throws Exception {
        List<String> texts = new ArrayList<>(OnnxEmbedderIT.TEXTS);
        texts.add("Compost needs greens and browns, air and moisture. ".repeat(200));
        try (HuggingFaceTokenizer reference = tokenizer(); InputIds ids = new InputIds(tokenizer())) {
            long[][] batched = ids.of(texts);
            for (int i = 0; i < texts.size(); i++) {
                Encoding expected = reference.encode(texts.get(i));
                assertThat(ids.of(texts.get(i))).as("text %d", i).containsExactly(expected.getIds());
                assertThat(batched[i]).as("text %d in a batch", i).containsExactly(expected.getIds());
                assertThat(expected.getAttentionMask()).as("no padding: every token is attended").containsOnly(1L);
                assertThat(expected.getTypeIds()).as("one sequence: type 0").containsOnly(0L);
            }
            assertThat(batched[texts.size() - 1]).hasSize(BGE.maxTokens());
        }
    }

    private static HuggingFaceTokenizer tokenizer() throws Exception {
        try (InputStream in = BGE.openTokenizer()) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(BGE.maxTokens())));
        }
    }
}
