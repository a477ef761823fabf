package dev.quarry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets stepped by an injected clock: no sleeping. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void a_caller_gets_its_rate_then_waits_for_refill() {
        RateLimiter limiter = new RateLimiter(Map.of(Role.READER, 3), Map.of(), now::get);
        for (int i = 0; i < 3; i++) assertThat(limiter.request("alice", Role.READER)).isZero();
        // 3 per minute refill one token every 20 s.
        assertThat(limiter.request("alice", Role.READER)).isEqualTo(Duration.ofSeconds(20));
        advance(Duration.ofSeconds(19));
        assertThat(limiter.request("alice", Role.READER)).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(limiter.request("alice", Role.READER)).isZero();
        assertThat(limiter.request("alice", Role.READER)).isPositive();
    }

    @Test
    void callers_have_separate_buckets_and_unlisted_roles_are_unlimited() {
        RateLimiter limiter = new RateLimiter(Map.of(Role.READER, 1), Map.of(), now::get);
        assertThat(limiter.request("alice", Role.READER)).isZero();
        assertThat(limiter.request("alice", Role.READER)).isPositive();
        assertThat(limiter.request("bob", Role.READER)).isZero();
        for (int i = 0; i < 100; i++) assertThat(limiter.request("root", Role.ADMIN)).isZero();
    }

    @Test
    void a_full_minute_of_idleness_refills_to_capacity_and_no_more() {
        RateLimiter limiter = new RateLimiter(Map.of(Role.WRITER, 2), Map.of(), now::get);
        advance(Duration.ofHours(1));
        assertThat(limiter.request("w", Role.WRITER)).isZero();
        assertThat(limiter.request("w", Role.WRITER)).isZero();
        assertThat(limiter.request("w", Role.WRITER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void chat_tokens_are_shared_per_deployment() {
        RateLimiter limiter = new RateLimiter(Map.of(), Map.of("gpt", 6000), now::get);
        assertThat(limiter.chatTokens("gpt", 4000)).isZero();
        // 2000 left; 3000 more need 1000 tokens of refill at 100 per second.
        assertThat(limiter.chatTokens("gpt", 3000)).isEqualTo(Duration.ofSeconds(10));
        advance(Duration.ofSeconds(10));
        assertThat(limiter.chatTokens("gpt", 3000)).isZero();
        assertThat(limiter.chatTokens("extractive", 1_000_000)).isZero();
    }

    @Test
    void wrong_keys_are_throttled_per_address_and_the_throttle_refills() {
        RateLimiter limiter = new RateLimiter(Map.of(), Map.of(), now::get);
        for (int i = 0; i < RateLimiter.FAILED_AUTHENTICATIONS_PER_MINUTE; i++) {
            assertThat(limiter.authenticationBlocked("10.0.0.1")).isZero();
            limiter.authenticationFailed("10.0.0.1");
        }
        assertThat(limiter.authenticationBlocked("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.authenticationBlocked("10.0.0.2")).as("another address").isZero();
        advance(Duration.ofSeconds(2));
        assertThat(limiter.authenticationBlocked("10.0.0.1")).isZero();
    }
}
