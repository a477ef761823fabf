package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlocklistTest {

    private final Blocklist codenames = new Blocklist("codenames", List.of("Project Bluefin"), List.of("\\bQX-\\d{4}\\b"));

    @Test
    void terms_match_whole_words_ignoring_case_and_patterns_as_written() {
        assertThat(codenames.matches("ask about PROJECT bluefin today")).isTrue();
        assertThat(codenames.matches("project bluefins are fish")).isFalse();
        assertThat(codenames.matches("memo QX-1234 attached")).isTrue();
        assertThat(codenames.matches("memo QX-12345 attached")).isFalse();
    }

    @Test
    void a_bad_pattern_is_refused_naming_the_list_and_the_pattern() {
        assertThatThrownBy(() -> new Blocklist("broken", List.of(), List.of("ok", "(unclosed")))
                .hasMessageStartingWith("blocklist 'broken' pattern 2 is not a valid regular expression");
    }

    @Test
    void a_stream_sends_no_part_of_blocked_text_and_stops_with_the_token_that_completes_it() {
        ChatGuard guard = new ChatGuard(List.of(codenames), Map.of(), InjectionPolicy.QUOTE);
        List<String> passed = new ArrayList<>();
        var stream = guard.checkingStream("azure", passed::add);

        stream.accept("See the pro");
        stream.accept("ject ");
        stream.accept("Blue");
        assertThatThrownBy(() -> stream.accept("fin."))
                .isInstanceOfSatisfying(ContentFilterException.class, e -> assertThat(e.blocklist()).isEqualTo("codenames"));
        assertThat(String.join("", passed)).isEqualTo("See the ");
    }

    @Test
    void text_held_back_is_sent_once_the_next_tokens_or_the_end_decide_it() {
        ChatGuard guard = new ChatGuard(List.of(codenames), Map.of(), InjectionPolicy.QUOTE);
        List<String> passed = new ArrayList<>();
        var stream = guard.checkingStream("azure", passed::add);

        stream.accept("Project Bluefin");
        assertThat(passed).as("a longer word may follow").isEmpty();
        stream.accept("s swim; memo QX-12");
        assertThat(String.join("", passed)).isEqualTo("Project Bluefins swim; memo ");
        stream.accept("345 ok");
        assertThat(String.join("", passed)).isEqualTo("Project Bluefins swim; memo QX-12345 ok");
        stream.accept(" and project");
        stream.finish();
        assertThat(String.join("", passed)).isEqualTo("Project Bluefins swim; memo QX-12345 ok and project");
    }

    @Test
    void a_deployments_lists_add_to_the_collections() {
        Blocklist competitors = new Blocklist("competitors", List.of("Globex"), List.of());
        ChatGuard guard = new ChatGuard(List.of(codenames), Map.of("azure", List.of(competitors)), InjectionPolicy.QUOTE);

        assertThatThrownBy(() -> guard.checkQuestion("azure", List.of("is Globex better"))).hasMessageContaining("'competitors'");
        guard.checkQuestion("extractive", List.of("is Globex better"));
        assertThatThrownBy(() -> guard.checkAnswer("extractive", "the QX-0001 memo")).hasMessageContaining("'codenames'");
    }
}
