package dev.quarry.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl+C as a request to stop, not an exit: the JVM's default would end the process while an ingest
 * writes the index or runs the model. Long work polls {@link #received()} at its safe points and the command ends
 * itself, with the shell's exit code for the signal (130 for Ctrl+C, 143 for SIGTERM).
 */
final class StopSignals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Signal signal;

    private StopSignals() {
    }

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), s -> {
                if (signals.signal == null) {
                    signals.signal = s;
                    System.err.println();
                    System.err.println("quarry: stopping (" + s.getName() + ") after the work in flight; please wait");
                }
                signals.stop.countDown();
            });
        }
        return signals;
    }

    boolean received() {
        return signal != null;
    }

    void await() throws InterruptedException {
        stop.await();
    }

    /** Waits for {@code work} to finish or a stop to be asked for, whichever comes first. */
    void await(CompletableFuture<?> work) throws InterruptedException {
        CountDownLatch either = new CountDownLatch(1);
        work.whenComplete((result, failure) -> either.countDown());
        Thread.ofVirtual().start(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                return;
            }
            either.countDown();
        });
        either.await();
    }

    /** 128 plus the signal's number, as shells report a process that a signal ended. */
    int exitCode() {
        return signal == null ? 0 : 128 + signal.getNumber();
    }
}
