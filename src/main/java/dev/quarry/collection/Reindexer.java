package dev.quarry.collection;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexLocation;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.WriteQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reindex jobs: each fills a new generation of a served collection from its sources with another model or
 * chunking while the live one serves and takes writes, then, in the writer's turn, catches up with the writes made
 * meanwhile (an incremental sync of every source: only files whose hash changed are embedded) and swaps. Jobs run
 * one at a time on one thread, as embedding takes all the cores there are.
 */
public final class Reindexer implements AutoCloseable {

    /** Finished jobs kept for polling, per collection; older ones are forgotten when a new one starts. */
    static final int KEPT_FINISHED = 20;

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** Building the new generation, then catching up with writes made meanwhile and swapping, in the writer's turn. */
    public enum Phase { BUILDING, CATCHING_UP, SWAPPED }

    /** A snapshot of one job for callers; {@code previous} is the generation kept for rollback once swapped. */
    public record Status(String id, String collection, State state, Phase phase, String model, ChunkSettings chunking,
                         int generation, Integer previous, Instant created, int filesDone, int filesTotal,
                         int chunksEmbedded, List<IngestReport> reports, String error) {

        Status with(State newState, Phase newPhase, int done, int total, int chunks) {
            return new Status(id, collection, newState, newPhase, model, chunking, generation, previous, created, done,
                    total, chunks, reports, error);
        }
    }

    private final Clock clock;
    private final Map<String, AtomicReference<Status>> jobs = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("quarry-reindex").factory());
    private volatile boolean stopping;

    Reindexer(Clock clock) {
        this.clock = clock;
    }

    /** The job queued or running for {@code collection}, if any. */
    synchronized Optional<Status> active(String collection) {
        return jobs.values().stream().map(AtomicReference::get)
                .filter(s -> s.collection().equals(collection) && (s.state() == State.QUEUED || s.state() == State.RUNNING))
                .findFirst();
    }

    /**
     * Queues a reindex of {@code collection} to {@code target} in the next free generation of {@code location}; a
     * conflict while one is queued or running (which would be filling that folder).
     */
    synchronized Status submit(Collection collection, CollectionSpec target, CollectionFactory factory, IndexLocation location) {
        active(collection.name()).ifPresent(running -> {
            throw new QuarryException(QuarryException.Kind.CONFLICT, null, "collection '" + collection.name()
                    + "' is already being reindexed: job " + running.id());
        });
        if (stopping) throw new QuarryException(QuarryException.Kind.UNAVAILABLE, null, "the server is stopping");
        String id = UUID.randomUUID().toString();
        Path dir = location.nextUnfinished();
        AtomicReference<Status> status = new AtomicReference<>(new Status(id, collection.name(), State.QUEUED,
                Phase.BUILDING, target.embedding().modelId(), target.chunking(), IndexLocation.number(dir), null,
                clock.instant(), 0, 0, 0, List.of(), null));
        forgetOldFinished(collection.name());
        jobs.put(id, status);
        thread.submit(() -> new ReindexRun(collection, target, dir, factory, location, status,
                () -> stopping || collection.writes().stopping()).run());
        return status.get();
    }

    public Optional<Status> status(String collection, String id) {
        AtomicReference<Status> s = jobs.get(id);
        return s == null || !s.get().collection().equals(collection) ? Optional.empty() : Optional.of(s.get());
    }

    public List<Status> all(String collection) {
        List<Status> mine = new ArrayList<>();
        for (AtomicReference<Status> s : jobs.values()) if (s.get().collection().equals(collection)) mine.add(s.get());
        mine.sort((a, b) -> b.created().compareTo(a.created()));
        return mine;
    }

    private void forgetOldFinished(String collection) {
        List<Status> finished = all(collection).stream()
                .filter(s -> s.state() == State.DONE || s.state() == State.FAILED).toList();
        for (Status old : finished.subList(Math.min(KEPT_FINISHED - 1, finished.size()), finished.size())) jobs.remove(old.id());
    }

    /** Asks the running job to stop at its next safe point (never interrupted: it writes an index) and waits for it. */
    @Override
    public void close() {
        stopping = true;
        WriteQueue.awaitSafePoint(thread, "the reindex in flight");
    }
}
