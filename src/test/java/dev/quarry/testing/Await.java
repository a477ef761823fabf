package dev.quarry.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, never for a fixed time: on a loaded machine only the generous bound is ever reached. */
public final class Await {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what);
            Thread.sleep(20);
        }
    }
}
