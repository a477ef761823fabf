package dev.quarry.api;

import java.time.Duration;

/** Counts requests being served, so a stopping server can wait for them to finish. */
final class InFlight {

    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void leave() {
        count--;
        if (count == 0) notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no request is in flight or {@code limit} has passed; true when idle. */
    synchronized boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count == 0;
        }
    }
}
