package dev.quarry.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A bucket of {@code capacity} tokens refilled evenly over a minute. A request takes tokens if there are enough, or
 * learns how long until there will be. Time comes from {@code nanoTime}, so tests step it instead of sleeping.
 */
final class TokenBucket {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final long capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(long perMinute, LongSupplier nanoTime) {
        if (perMinute <= 0) throw new IllegalArgumentException("a rate must be positive, got " + perMinute);
        this.capacity = perMinute;
        this.nanoTime = nanoTime;
        this.tokens = perMinute;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes {@code n} tokens and returns zero, or takes none and returns the wait until {@code n} are there. */
    synchronized Duration take(long n) {
        Duration wait = waitFor(n);
        if (wait.isZero()) tokens -= Math.min(n, capacity);
        return wait;
    }

    /** Zero when {@code n} tokens are there now, else the wait until they will be; takes none. */
    synchronized Duration waitFor(long n) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (double) (now - refilledAt) * capacity / MINUTE_NANOS);
        refilledAt = now;
        // More than a whole bucket can never be taken; it is charged as a full bucket so it can run once a minute.
        double needed = Math.min(n, capacity);
        if (tokens >= needed) return Duration.ZERO;
        // Whole milliseconds, with the float error of the refill sum kept from adding one.
        return Duration.ofMillis((long) Math.ceil((needed - tokens) * 60_000 / capacity - 1e-6));
    }
}
