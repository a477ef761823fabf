package dev.quarry.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.embed.Pooling;
import dev.quarry.search.FusionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {

    @Test
    void a_name_is_read_in_any_case_and_with_blanks_around_it() {
        assertThat(Choices.parse(FusionSettings.Method.class, " Weighted ", IllegalStateException::new))
                .isEqualTo(FusionSettings.Method.WEIGHTED);
        assertThat(Choices.find(FusionSettings.Method.class, "RRF")).contains(FusionSettings.Method.RRF);
        assertThat(Choices.find(FusionSettings.Method.class, null)).isEmpty();
    }

    @Test
    void a_wrong_name_lists_the_allowed_ones_in_lower_case_and_says_what_was_given() {
        assertThatThrownBy(() -> Choices.parse(FusionSettings.Method.class, "fast", IllegalStateException::new))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("must be one of rrf, weighted, adaptive, distribution (got 'fast')");
    }

    @Test
    void a_near_miss_suggests_the_name_that_was_meant() {
        assertThat(Choices.problem(List.of(FusionSettings.Method.values()), "wieghted"))
                .isEqualTo("must be one of rrf, weighted, adaptive, distribution (got 'wieghted'; did you mean 'weighted'?)");
    }

    @Test
    void only_the_allowed_constants_may_be_named() {
        assertThatThrownBy(() -> Choices.parse(List.of(Pooling.CLS, Pooling.MEAN), "server", IllegalStateException::new))
                .hasMessage("must be one of cls, mean (got 'server')");
    }

    @Test
    void suggestions_are_a_few_edits_away_or_a_prefix_and_nothing_otherwise() {
        assertThat(Suggestions.closest("maxToken", List.of("maxTokens", "overlapTokens"))).contains("maxTokens");
        assertThat(Suggestions.closest("serch", List.of("serve", "search", "chat"))).contains("search");
        assertThat(Suggestions.closest("verb", List.of("verbose"))).contains("verbose");
        assertThat(Suggestions.closest("QUARRY_PROT", List.of("QUARRY_PORT", "QUARRY_HOST"))).contains("QUARRY_PORT");
        assertThat(Suggestions.closest("banana", List.of("search", "chat"))).isEmpty();
    }
}
