package dev.quarry.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.text.TokenSpans;
import dev.quarry.text.ParsedDocument;
import dev.quarry.testing.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties that must hold for any document: random structures (sections, paragraphs, sentences, lists, very
 * long words and sentences, non-ASCII) under random settings, 100 documents per seed.
 */
class ChunkerPropertiesTest {

    private static final String[] WORDS = {"the", "starter", "ferments", "über", "naïve", "café", "x", "supercalifragilistic",
            "2026", "CPU", "e-mail", "l'eau", "東京", "…", "(note)", "a", "bread"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void no_chunk_exceeds_its_budget_and_chunks_cover_the_text_exactly(long seed) {
        Random random = new Random(seed);
        for (int doc = 0; doc < 100; doc++) {
            int modelLimit = 40 + random.nextInt(470);
            WordTokenizer tokenizer = new WordTokenizer(modelLimit);
            int maxTokens = 16 + random.nextInt(Math.max(1, Math.min(modelLimit, 300) - 16));
            ChunkSettings settings = new ChunkSettings(maxTokens, random.nextInt(maxTokens / 2), random.nextBoolean());
            ParsedDocument parsed = randomDocument(random);

            List<Chunk> chunks = new Chunker(tokenizer, settings).chunk(parsed);

            for (Chunk c : chunks) {
                assertThat(parsed.text().substring(c.start(), c.end())).isEqualTo(c.text());
                assertThat(tokenizer.count(c.text())).isLessThanOrEqualTo(maxTokens);
                assertThat(tokenizer.count(c.embedText())).isLessThanOrEqualTo(Math.max(modelLimit, tokenizer.count(c.text())));
                // A chunk crosses a section boundary only where a section too short to stand alone was merged.
                List<ParsedDocument.Section> crossed = parsed.sections().stream()
                        .filter(s -> s.start() < c.end() && c.start() < s.end()).toList();
                assertThat(crossed.stream().filter(s -> tokenizer.count(parsed.text().substring(s.start(), s.end()))
                        >= Chunker.MIN_SECTION_TOKENS).count()).as("full sections in one chunk").isLessThanOrEqualTo(1);
            }
            for (ParsedDocument.Section s : parsed.sections()) {
                TokenSpans tokens = tokenizer.spans(parsed.text().substring(s.start(), s.end()));
                for (int t = 0; t < tokens.size(); t++) {
                    int start = s.start() + tokens.start(t);
                    int end = s.start() + tokens.end(t);
                    assertThat(chunks).as("token at %d..%d is in a chunk", start, end)
                            .anyMatch(c -> c.start() <= start && end <= c.end());
                }
            }
        }
    }

    private static ParsedDocument randomDocument(Random random) {
        StringBuilder text = new StringBuilder();
        List<ParsedDocument.Section> sections = new ArrayList<>();
        int sectionCount = 1 + random.nextInt(5);
        for (int s = 0; s < sectionCount; s++) {
            if (!text.isEmpty()) text.append("\n\n");
            int start = text.length();
            int paragraphs = 1 + random.nextInt(6);
            for (int p = 0; p < paragraphs; p++) {
                if (p > 0) text.append(random.nextInt(4) == 0 ? "\n- " : "\n\n");
                int sentences = 1 + random.nextInt(8);
                for (int sentence = 0; sentence < sentences; sentence++) {
                    int words = 1 + random.nextInt(random.nextInt(10) == 0 ? 120 : 20);
                    for (int w = 0; w < words; w++) {
                        if (w > 0) text.append(random.nextInt(15) == 0 ? ", " : " ");
                        text.append(WORDS[random.nextInt(WORDS.length)]);
                    }
                    text.append(random.nextBoolean() ? ". " : "? ");
                }
                while (text.charAt(text.length() - 1) == ' ') text.setLength(text.length() - 1);
            }
            sections.add(new ParsedDocument.Section(s == 0 ? "" : "Part " + s, start, text.length()));
        }
        return new ParsedDocument(random.nextBoolean() ? "A title" : "", text.toString(), sections, List.of(), "text");
    }
}
