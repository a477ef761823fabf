package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void a_short_token_from_the_client_is_kept() {
        assertThat(RequestIds.accept("trace-42.a_b")).isEqualTo("trace-42.a_b");
    }

    @Test
    void missing_long_or_injected_ids_are_replaced() {
        assertThat(RequestIds.accept(null)).hasSize(36);
        assertThat(RequestIds.accept("x".repeat(65))).hasSize(36);
        assertThat(RequestIds.accept("abc\r\nX-Evil: 1")).hasSize(36).doesNotContain("Evil");
        assertThat(RequestIds.accept("a b")).hasSize(36);
    }
}
