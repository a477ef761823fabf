package dev.quarry.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets per caller: requests per minute by role, and, for chat, model tokens per minute by deployment.
 * Buckets of callers not seen for ten minutes are forgotten, so many client addresses cannot grow the heap.
 */
public final class RateLimiter {

    /** Wrong keys one client address may present per minute: a typo costs nothing, guessing keys is throttled. */
    public static final int FAILED_AUTHENTICATIONS_PER_MINUTE = 30;

    private final Map<Role, Integer> requestsPerMinute;
    private final Map<String, Integer> tokensPerMinute;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    /**
     * {@code requestsPerMinute}: a limit per role (a role left out is not limited); {@code tokensPerMinute}: a limit
     * per chat deployment, shared by all its callers as the upstream quota is.
     */
    public RateLimiter(Map<Role, Integer> requestsPerMinute, Map<String, Integer> tokensPerMinute, LongSupplier nanoTime) {
        this.requestsPerMinute = Map.copyOf(requestsPerMinute);
        this.tokensPerMinute = Map.copyOf(tokensPerMinute);
        this.nanoTime = nanoTime;
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(Map.of(), Map.of(), System::nanoTime);
    }

    /** Zero when {@code caller} may make a request now, else how long to wait. */
    public Duration request(String caller, Role role) {
        Integer limit = requestsPerMinute.get(role);
        if (limit == null) return Duration.ZERO;
        return buckets.get("request:" + caller, k -> new TokenBucket(limit, nanoTime)).take(1);
    }

    /** Zero when {@code address} may still try a key, else how long until it may: checked before any key is. */
    public Duration authenticationBlocked(String address) {
        return failures(address).waitFor(1);
    }

    /** Counts a wrong key presented from {@code address}. */
    public void authenticationFailed(String address) {
        failures(address).take(1);
    }

    private TokenBucket failures(String address) {
        return buckets.get("auth-failures:" + address, k -> new TokenBucket(FAILED_AUTHENTICATIONS_PER_MINUTE, nanoTime));
    }

    /** Zero when {@code deployment} may be asked for about {@code tokens} more tokens now, else how long to wait. */
    public Duration chatTokens(String deployment, long tokens) {
        Integer limit = tokensPerMinute.get(deployment);
        if (limit == null) return Duration.ZERO;
        return buckets.get("tokens:" + deployment, k -> new TokenBucket(limit, nanoTime)).take(tokens);
    }
}
