package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    private final Highlighter highlighter = new Highlighter();

    @Test
    void picks_the_sentences_sharing_most_query_words_after_stemming() {
        String text = "Bread needs time. Feeding the starters daily keeps them lively. Salt slows yeast. Unrelated words.";
        List<Highlight> found = highlighter.highlight("how often to feed a starter", text);

        assertThat(found).hasSize(1);
        Highlight h = found.getFirst();
        assertThat(h.text()).isEqualTo("Feeding the starters daily keeps them lively.");
        assertThat(text.substring(h.start(), h.end())).isEqualTo(h.text());
        assertThat(h.terms()).extracting(t -> text.substring(t[0], t[1])).containsExactly("Feeding", "starters");
    }

    @Test
    void returns_at_most_two_sentences_in_text_order() {
        String text = "Yeast eats sugar. Sugar feeds yeast quickly. Yeast and sugar make gas.";
        List<Highlight> found = highlighter.highlight("yeast sugar", text);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).start()).isLessThan(found.get(1).start());
    }

    @Test
    void a_query_of_stop_words_highlights_nothing() {
        assertThat(highlighter.highlight("the and of", "The cat and the hat.")).isEmpty();
    }
}
