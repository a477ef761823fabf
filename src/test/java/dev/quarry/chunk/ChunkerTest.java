package dev.quarry.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.text.ParsedDocument;
import dev.quarry.testing.WordTokenizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final WordTokenizer tokenizer = new WordTokenizer(510);

    private static ParsedDocument doc(String title, String text) {
        return new ParsedDocument(title, text, List.of(new ParsedDocument.Section("", 0, text.length())), List.of(), "text");
    }

    @Test
    void short_document_is_one_chunk_with_exact_offsets() {
        String text = "Feed the starter daily. Keep it warm.";
        List<Chunk> chunks = new Chunker(tokenizer, ChunkSettings.DEFAULT).chunk(doc("Bread", text));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().text()).isEqualTo(text);
        assertThat(chunks.getFirst().start()).isZero();
        assertThat(chunks.getFirst().end()).isEqualTo(text.length());
        assertThat(chunks.getFirst().embedText()).isEqualTo("Bread\n\n" + text);
    }

    @Test
    void a_heading_or_title_alone_never_becomes_a_chunk() {
        String title = "Winter riding";
        String tyres = "Tyres\n\nLower the pressure a little and fit studded tyres when the roads freeze over at night.";
        String lights = "Lights\n\nUse two.";
        String text = title + "\n\n" + tyres + "\n\n" + lights;
        int tyresAt = title.length() + 2;
        int lightsAt = tyresAt + tyres.length() + 2;
        ParsedDocument doc = new ParsedDocument(title, text, List.of(
                new ParsedDocument.Section("Winter riding", 0, title.length()),
                new ParsedDocument.Section("Winter riding > Tyres", tyresAt, tyresAt + tyres.length()),
                new ParsedDocument.Section("Winter riding > Lights", lightsAt, text.length())), List.of(), "docx");

        List<Chunk> chunks = new Chunker(tokenizer, ChunkSettings.DEFAULT).chunk(doc);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().text()).isEqualTo(text);
        assertThat(chunks.getFirst().section()).isEqualTo("Winter riding > Tyres");
        assertThat(chunks.getFirst().start()).isZero();
    }

    @Test
    void no_chunk_exceeds_the_token_limit_and_offsets_map_back_to_the_text() {
        String text = randomText(new Random(7), 3000);
        ChunkSettings settings = new ChunkSettings(64, 8, true);
        List<Chunk> chunks = new Chunker(tokenizer, settings).chunk(doc("T", text));

        assertThat(chunks.size()).isGreaterThan(40);
        for (Chunk c : chunks) {
            assertThat(tokenizer.count(c.text())).isLessThanOrEqualTo(64);
            assertThat(tokenizer.count(c.embedText())).isLessThanOrEqualTo(510);
            assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
        }
    }

    @Test
    void chunks_cover_every_token_and_overlap_by_at_most_the_setting() {
        String text = randomText(new Random(11), 2000);
        List<Chunk> chunks = new Chunker(tokenizer, new ChunkSettings(50, 10, false)).chunk(doc("", text));

        var spans = tokenizer.spans(text);
        boolean[] covered = new boolean[spans.size()];
        for (Chunk c : chunks) {
            for (int t = 0; t < spans.size(); t++) {
                if (spans.start(t) >= c.start() && spans.end(t) <= c.end()) covered[t] = true;
            }
        }
        for (boolean b : covered) assertThat(b).isTrue();
        for (int i = 1; i < chunks.size(); i++) {
            Chunk prev = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.start()).isGreaterThan(prev.start());
            int shared = Math.max(0, prev.end() - next.start());
            assertThat(shared == 0 || tokenizer.count(text.substring(next.start(), prev.end())) <= 10).isTrue();
        }
    }

    @Test
    void cuts_prefer_paragraph_breaks_then_sentence_ends() {
        String para = "This sentence has exactly eight words in it. ";
        String text = para.repeat(4).strip() + "\n\n" + para.repeat(4).strip();
        List<Chunk> chunks = new Chunker(tokenizer, new ChunkSettings(60, 0, false)).chunk(doc("", text));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).text()).isEqualTo(para.repeat(4).strip());

        String oneParagraph = para.repeat(10).strip();
        List<Chunk> bySentence = new Chunker(tokenizer, new ChunkSettings(40, 0, false)).chunk(doc("", oneParagraph));
        for (Chunk c : bySentence) assertThat(c.text()).endsWith(".");
    }

    @Test
    void a_definition_term_stays_with_its_description() {
        // A definition list as HTML gives it: each term a short paragraph of its own before its description.
        String description = "Sets the base maximum amount of memory to be used by a query operation before writing to"
                + " temporary disk files.";
        String text = "shared_buffers (integer)\n\n" + description + " " + description + "\n\nwork_mem (integer)\n\n"
                + description + "\n\nFor example:\n\nSET work_mem = '64MB';";
        List<Chunk> chunks = new Chunker(tokenizer, new ChunkSettings(50, 0, false)).chunk(doc("", text));

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).noneMatch(c -> c.text().endsWith("(integer)") || c.text().endsWith(":"));
        assertThat(chunks).anyMatch(c -> c.text().startsWith("work_mem (integer)\n\nSets the base maximum"));
    }

    @Test
    void chunks_never_cross_sections_and_carry_their_heading_path() {
        String setupText = "Setup\n\nInstall it with the package manager, then start the service and open its port.";
        String text = "Intro\n\nThis guide explains how the tool works and what it needs before you start.\n\n" + setupText;
        int setup = text.indexOf("Setup");
        ParsedDocument d = new ParsedDocument("Guide", text, List.of(
                new ParsedDocument.Section("Intro", 0, setup - 2),
                new ParsedDocument.Section("Intro > Setup", setup, text.length())), List.of(), "markdown");

        List<Chunk> chunks = new Chunker(tokenizer, ChunkSettings.DEFAULT).chunk(d);

        assertThat(chunks).extracting(Chunk::section).containsExactly("Intro", "Intro > Setup");
        assertThat(chunks.get(1).text()).isEqualTo(setupText);
        assertThat(chunks.get(1).embedText()).startsWith("Guide > Intro > Setup\n\n");
    }

    @Test
    void heading_context_can_be_turned_off() {
        List<Chunk> chunks = new Chunker(tokenizer, new ChunkSettings(256, 32, false)).chunk(doc("Title", "Body text."));
        assertThat(chunks.getFirst().embedText()).isEqualTo("Body text.");
    }

    private static String randomText(Random random, int words) {
        String[] vocabulary = {"starter", "flour", "water", "yeast", "bread", "oven", "crust", "dough", "salt", "time"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(vocabulary[random.nextInt(vocabulary.length)]);
            int r = random.nextInt(40);
            sb.append(r == 0 ? ".\n\n" : r < 4 ? ". " : r == 5 ? ", " : " ");
        }
        return sb.toString().strip();
    }
}
