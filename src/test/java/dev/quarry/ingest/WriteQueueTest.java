package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteQueueTest {

    @Test
    void writes_run_one_at_a_time_in_submission_order() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (WriteQueue writes = new WriteQueue()) {
            CompletableFuture<Void> first = writes.submit(() -> {
                events.add("first started");
                await(release);
                events.add("first done");
                return null;
            });
            CompletableFuture<Void> second = writes.submit(() -> {
                events.add("second started");
                return null;
            });
            assertThat(second.isDone()).isFalse();
            release.countDown();
            second.get(60, TimeUnit.SECONDS);
            assertThat(first).isDone();
        }
        assertThat(events).containsExactly("first started", "first done", "second started");
    }

    @Test
    void closing_raises_the_stop_flag_waits_for_the_write_in_flight_and_refuses_new_ones() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WriteQueue writes = new WriteQueue();
        CompletableFuture<String> running = writes.submit(() -> {
            started.countDown();
            while (!writes.stopping()) Thread.onSpinWait();
            return Thread.currentThread().isInterrupted() ? "interrupted" : "stopped cleanly";
        });
        started.await();

        writes.close();

        assertThat(running).isCompletedWithValue("stopped cleanly");
        assertThatThrownBy(() -> writes.submit(() -> null)).isInstanceOf(IngestException.class).hasMessageContaining("stopping");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
