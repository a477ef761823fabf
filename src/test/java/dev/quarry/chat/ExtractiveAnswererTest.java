package dev.quarry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.IndexedChunk;
import dev.quarry.search.SearchHit;
import dev.quarry.testing.FakeEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(new FakeEmbedder());

    private static SearchHit hit(String doc, String section, String text) {
        return new SearchHit(new IndexedChunk(doc + "#0", doc, doc, doc, section, text, 0, text.length(), 0, "h", 0,
                "html", List.of(), null), 1.0, 0.5, null);
    }

    @Test
    void a_definition_is_found_under_the_term_it_describes() {
        String text = """
                statement_timeout (integer)

                Abort any statement that takes more than the specified amount of time. The default is zero.

                lock_timeout (integer)

                Abort any statement that waits longer than the specified amount of time. Mind the locks here.""";

        String answer = answerer.answer("lock_timeout", List.of(hit("client.html", "Client Defaults", text))).answer();

        assertThat(answer).contains("Abort any statement that waits longer than the specified amount of time.")
                .doesNotContain("takes more than");
    }

    @Test
    void the_best_sentence_comes_with_its_neighbours_in_the_paragraph_and_the_first_ranked_chunk_wins_a_tie() {
        List<SearchHit> hits = List.of(
                hit("first.md", "", "Alpha went out at dawn today. Chains need oil every week. Beta came back at dusk then."
                        + "\n\nGamma stayed home all the day."),
                hit("second.md", "", "Delta went out at noon today. Chains need oil every week. Epsilon came back late again."));

        String answer = answerer.answer("chains need oil every week", hits).answer();

        assertThat(answer).contains("Alpha went out at dawn today. Chains need oil every week. Beta came back at dusk then. [1]")
                .doesNotContain("Gamma").doesNotContain("Delta").doesNotContain("Epsilon");
    }

    @Test
    void a_sentence_that_says_nothing_of_the_question_does_not_ride_on_its_heading() {
        String text = """
                New in version 3.3.

                To create one, run the venv module with the path of a new folder, then activate it in your shell \
                before you install anything.""";

        String answer = answerer.answer("create virtual environment", List.of(hit("venv.html", "Virtual environment", text))).answer();

        assertThat(answer).contains("To create one, run the venv module").doesNotContain("New in version");
    }
}
