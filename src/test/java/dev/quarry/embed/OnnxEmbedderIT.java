package dev.quarry.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.quarry.text.TokenSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process embedder against langchain4j's own implementation of the same models, which the model jars were
 * made for: equal vectors mean tokenization, pooling and normalization are right.
 */
class OnnxEmbedderIT {

    static final List<String> TEXTS = List.of(
            "Hello",
            "sourdough",
            "The Perseids peak in mid August; find a dark site away from city lights.",
            "HOW DO I FIX A FLAT TYRE ON THE SIDE OF THE ROAD?",
            "Crème brûlée needs a blowtorch, jalapeño poppers don't.",
            "Größenordnung, naïve café, Ærøskøbing, São Paulo, Kraków.",
            "東京は日本の首都です。人口は約1400万人です。",
            "Rocket launch 🚀 went great 🎉🎉 — see you on Mars!",
            "def embed(texts): return [model(t) for t in texts]  # batch it",
            "SELECT id, title FROM docs WHERE modified > '2026-01-01' ORDER BY id LIMIT 10;",
            "Version 3.14.159 was released on 2026-11-24 at 09:30 UTC, fixing CVE-2026-12345.",
            "    leading and trailing   whitespace\tand\ttabs\n\nand blank lines   ",
            "e-mail: someone@example.com, URL: https://example.com/a/b?c=d&e=f#g",
            "Mix 20 g starter, 100 g flour and 100 g water (1:5:5) at 24 °C.",
            "a",
            "!!! ??? ... ;;; ---",
            "The quick brown fox jumps over the lazy dog. ".repeat(8),
            "Supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
            "Bank: a financial institution. Bank: the side of a river. Which one did you mean?",
            "Stars more than about eight times the Sun's mass end violently in a supernova that can briefly outshine an"
                    + " entire galaxy, leaving a neutron star or, for the heaviest stars, a black hole behind. ".repeat(6),
            "Ich möchte ein Glas Wasser, bitte. Je voudrais un verre d'eau. Quisiera un vaso de agua.",
            "x = (-b ± √(b² − 4ac)) / 2a",
            "<p>Some <b>HTML</b> markup &amp; entities</p>",
            "Line one\nLine two\nLine three\r\nLine four");

    static OnnxEmbedder bge;
    static OnnxEmbedder minilm;

    @BeforeAll
    static void load() {
        bge = new OnnxEmbedder(BundledModels.find("bge-small-en-v1.5").orElseThrow(), 16, 2);
        minilm = new OnnxEmbedder(BundledModels.find("all-minilm-l6-v2").orElseThrow(), 16, 2);
    }

    @AfterAll
    static void close() {
        bge.close();
        minilm.close();
    }

    @Test
    void bge_passage_vectors_equal_langchain4j_on_varied_texts() {
        assertMatchesReference(bge, new BgeSmallEnV15EmbeddingModel(), "bge-small-en-v1.5");
    }

    /**
     * The MiniLM jar's tokenizer.json truncates at 128 tokens, which langchain4j inherits; Quarry follows
     * sentence-transformers, which serves this model with 256. The two agree on every text that fits in 128.
     */
    @Test
    void minilm_mean_pooled_vectors_equal_langchain4j_on_varied_texts() {
        List<String> fitting = TEXTS.stream().filter(t -> minilm.tokenizer().count(t) <= 126).toList();
        assertThat(fitting).hasSizeGreaterThanOrEqualTo(20);
        assertMatchesReference(minilm, new AllMiniLmL6V2EmbeddingModel(), "all-minilm-l6-v2", fitting);
    }

    private static void assertMatchesReference(OnnxEmbedder ours, EmbeddingModel reference, String name) {
        assertMatchesReference(ours, reference, name, TEXTS);
    }

    private static void assertMatchesReference(OnnxEmbedder ours, EmbeddingModel reference, String name, List<String> texts) {
        float[][] vectors = ours.embedPassages(texts);
        double min = 1;
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = reference.embed(texts.get(i)).content().vector();
            double cos = Vectors.dot(vectors[i], expected);
            min = Math.min(min, cos);
            assertThat(cos).as("text %d: %s", i, texts.get(i)).isGreaterThanOrEqualTo(0.9999);
        }
        System.out.printf("%s: minimum cosine to langchain4j over %d texts: %.7f%n", name, texts.size(), min);
    }

    @Test
    void the_query_prefix_is_applied_to_queries_only() {
        BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();
        String query = "when do meteor showers peak";

        float[] q = bge.embedQuery(query);
        float[] expected = reference.embed("Represent this sentence for searching relevant passages: " + query).content().vector();

        assertThat(Vectors.dot(q, expected)).isGreaterThanOrEqualTo(0.9999f);
        assertThat(Vectors.dot(q, bge.embedPassages(List.of(query))[0])).isLessThan(0.99f);
    }

    @Test
    void inputs_over_the_model_limit_are_truncated_to_their_first_tokens() {
        String longText = "Compost needs greens and browns, air and moisture to break down quickly. ".repeat(300);
        TokenSpans spans = bge.tokenizer().spans(longText);
        assertThat(spans.size()).isGreaterThan(3000);
        String first510 = longText.substring(0, spans.end(509));

        float[] whole = bge.embedPassages(List.of(longText))[0];
        float[] head = bge.embedPassages(List.of(first510))[0];

        assertThat(Vectors.dot(whole, head)).isGreaterThanOrEqualTo(0.9999f);
    }

    @Test
    void batches_of_mixed_lengths_give_the_same_unit_vectors_as_one_at_a_time() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) texts.add(TEXTS.get(i % TEXTS.size()) + " #" + i + " extra".repeat(i % 7 * 9));
        float[][] batched = bge.embedPassages(texts);

        for (int i = 0; i < texts.size(); i++) {
            float[] single = bge.embedPassages(List.of(texts.get(i)))[0];
            assertThat(batched[i]).hasSize(384);
            assertThat(Vectors.dot(batched[i], batched[i])).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
            assertThat(Vectors.dot(batched[i], single)).as("text %d", i).isGreaterThanOrEqualTo(0.99999f);
        }
    }

    @Test
    void token_spans_map_back_to_the_text_in_order() {
        String text = TEXTS.get(4) + " " + TEXTS.get(10);
        TokenSpans spans = bge.tokenizer().spans(text);

        assertThat(bge.tokenizer().maxContentTokens()).isEqualTo(510);
        assertThat(bge.model().dimensions()).isEqualTo(384);
        for (int t = 0; t < spans.size(); t++) {
            assertThat(spans.end(t)).isGreaterThan(spans.start(t));
            if (t > 0) assertThat(spans.start(t)).isGreaterThanOrEqualTo(spans.end(t - 1));
        }
        assertThat(text.substring(spans.start(0), spans.end(0))).isEqualTo("Crème".substring(0, spans.end(0)));
    }

    @Test
    void a_model_or_tokenizer_that_cannot_be_read_is_a_clear_error(@TempDir Path dir) throws Exception {
        OnnxModelSpec bundled = BundledModels.find(BundledModels.DEFAULT).orElseThrow();
        Path garbage = Files.writeString(dir.resolve("model.onnx"), "not a model");
        OnnxModelSpec badModel = new OnnxModelSpec("broken", garbage.toString(), bundled.tokenizerLocation(),
                Pooling.CLS, "", "", 512);
        OnnxModelSpec badTokenizer = new OnnxModelSpec("broken", bundled.modelLocation(), garbage.toString(),
                Pooling.CLS, "", "", 512);
        OnnxModelSpec missing = new OnnxModelSpec("broken", dir.resolve("absent.onnx").toString(),
                bundled.tokenizerLocation(), Pooling.CLS, "", "", 512);

        assertThatThrownBy(() -> new OnnxEmbedder(badModel, 8, 1)).isInstanceOf(EmbeddingException.class)
                .hasMessageStartingWith("cannot load model broken: ");
        assertThatThrownBy(() -> new OnnxEmbedder(badTokenizer, 8, 1)).isInstanceOf(EmbeddingException.class)
                .hasMessageStartingWith("cannot load the tokenizer of model broken: ");
        assertThatThrownBy(() -> new OnnxEmbedder(missing, 8, 1)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("absent.onnx");
    }

    @Test
    void a_bundled_model_runs_from_its_unpacked_copy_as_from_its_jar(@TempDir Path dir) throws Exception {
        OnnxModelSpec spec = BundledModels.find(BundledModels.DEFAULT).orElseThrow();
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the cache folder would be");
        try (OnnxEmbedder fromCopy = new OnnxEmbedder(spec, 8, 1, new UnpackedFiles(dir.resolve("cache")));
             OnnxEmbedder fromJar = new OnnxEmbedder(spec, 8, 1, new UnpackedFiles(blocked.resolve("cache")))) {
            try (var files = Files.list(dir.resolve("cache"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .anyMatch(name -> name.matches("bge-small-en-v1\\.5-q-[0-9a-f]+-\\d+\\.onnx"));
            }
            float[][] copied = fromCopy.embedPassages(TEXTS);
            float[][] inflated = fromJar.embedPassages(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) assertThat(copied[i]).as(TEXTS.get(i)).containsExactly(inflated[i]);
        }
    }

    @Test
    void a_bundled_model_loads_as_declared_and_one_declared_wrongly_is_refused() {
        for (String id : BundledModels.ids()) {
            OnnxModelSpec spec = BundledModels.find(id).orElseThrow();
            try (OnnxEmbedder loaded = new OnnxEmbedder(spec, 8, 1)) {
                assertThat(spec.declared()).contains(loaded.model());
            }
        }
        OnnxModelSpec bundled = BundledModels.find(BundledModels.DEFAULT).orElseThrow();
        OnnxModelSpec wrong = new OnnxModelSpec(bundled.id(), bundled.modelLocation(), bundled.tokenizerLocation(),
                bundled.pooling(), bundled.queryPrefix(), bundled.passagePrefix(), bundled.maxTokens(), 768);
        assertThatThrownBy(() -> new OnnxEmbedder(wrong, 8, 1)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("384 dimensions, but 768 are declared");
    }
}
