package dev.quarry.tune;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tuning runs started over the API, one at a time per collection on a thread of their own (a run takes minutes and
 * only reads the index, so ingests go on beside it). Each keeps its progress and outcome for polling; a profile is
 * activated, when asked, only if it beats untuned search on held-out queries.
 */
public final class TuneJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TuneJobs.class);

    public enum State { RUNNING, DONE, FAILED }

    /** A snapshot of one run: its last progress line, then the profile stored and whether it was activated. */
    public record Status(String id, String collection, State state, Instant created, String progress, Integer profile,
                         boolean activated, Double heldOutHybridGain, String error) {
    }

    /** Thrown when a run is asked for while one is running. */
    public static final class BusyException extends RuntimeException {
        BusyException(String id) {
            super("a tuning run is already running: " + id);
        }
    }

    private final String collection;
    private final Supplier<Tuner> tuner;
    private final CollectionTuning tuning;
    private final String modelId;
    private final Clock clock;
    private final Map<String, AtomicReference<Status>> jobs = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quarry-tune");
        t.setDaemon(true);
        return t;
    });
    private String running;

    public TuneJobs(String collection, Supplier<Tuner> tuner, CollectionTuning tuning, String modelId, Clock clock) {
        this.collection = collection;
        this.tuner = tuner;
        this.tuning = tuning;
        this.modelId = modelId;
        this.clock = clock;
    }

    /**
     * Starts a run over the collection's judgments as they are now; returns its id. With {@code activate}, the
     * profile it stores becomes the active one when it beats untuned search on held-out queries.
     */
    public synchronized String start(boolean activate) {
        if (running != null) throw new BusyException(running);
        String id = UUID.randomUUID().toString();
        AtomicReference<Status> status = new AtomicReference<>(
                new Status(id, collection, State.RUNNING, clock.instant(), "starting", null, false, null, null));
        jobs.put(id, status);
        running = id;
        var judged = tuning.judgments().byQuery();
        thread.submit(() -> run(judged, activate, status));
        return id;
    }

    public Optional<Status> status(String id) {
        AtomicReference<Status> s = jobs.get(id);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }

    private void run(Map<String, Map<String, Integer>> judged, boolean activate, AtomicReference<Status> status) {
        try {
            TuningReport report = tuner.get().tune(judged, line -> status.updateAndGet(s -> new Status(s.id(), s.collection(),
                    State.RUNNING, s.created(), line, null, false, null, null)));
            TuningProfile saved = tuning.profiles().save(report, modelId, clock.instant());
            boolean activated = activate && report.improves();
            if (activated) {
                tuning.profiles().activate(saved.version());
                tuning.served().refresh();
            }
            status.updateAndGet(s -> new Status(s.id(), s.collection(), State.DONE, s.created(), "done", saved.version(),
                    activated, report.hybridGain(), null));
        } catch (RuntimeException e) {
            log.warn("Tuning {} failed: {}", collection, e.getMessage());
            status.updateAndGet(s -> new Status(s.id(), s.collection(), State.FAILED, s.created(), s.progress(), null, false,
                    null, e.getMessage()));
        } finally {
            synchronized (this) {
                running = null;
            }
        }
    }

    /** Lets a running run end on its own (never interrupted: it reads the index); its thread does not keep the JVM up. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
