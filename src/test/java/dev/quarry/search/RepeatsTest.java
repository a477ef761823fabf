package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatsTest {

    private static final String RENDERED = "To undo the last commit but keep its changes, run git reset --soft HEAD~1."
            + " The changes stay in the index, ready to be committed again after you fix them.";

    @Test
    void the_same_text_with_other_markup_case_and_line_breaks_and_a_cut_elsewhere_is_a_repeat() {
        String source = "To undo the *last commit* but keep its changes, run `git reset --soft HEAD~1`.\nThe changes"
                + " stay in the index, ready to be";
        assertThat(same(RENDERED, source)).isTrue();
        assertThat(same(source, RENDERED)).isTrue();
        assertThat(same(RENDERED, "Intro. " + RENDERED + " And more after it.")).isTrue();
    }

    @Test
    void text_on_the_same_subject_that_shares_a_phrase_is_not() {
        String other = "To undo the last commit and throw its changes away, run git reset --hard HEAD~1; the changes"
                + " are gone from the index and the working tree.";
        assertThat(same(RENDERED, other)).isFalse();
        assertThat(same(RENDERED, "")).isFalse();
        assertThat(same("Too short", "Too short")).isFalse();
    }

    private static boolean same(String a, String b) {
        return Repeats.sameText(Repeats.triples(a), Repeats.triples(b));
    }
}
