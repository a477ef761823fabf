package dev.quarry.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests started over the API, run through the index's {@link WriteQueue} in submission order, each with its
 * progress and report kept for polling. Only the latest {@link #KEPT_FINISHED} finished jobs are kept.
 */
public final class IngestJobs {

    private static final Logger log = LoggerFactory.getLogger(IngestJobs.class);
    static final int KEPT_FINISHED = 100;

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** A snapshot of one job for callers. */
    public record Status(String id, String collection, String folder, State state, Instant created, int filesDone, int filesTotal,
                         int chunksEmbedded, IngestReport report, String error) {

        boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    private final String collection;
    private final Supplier<Ingester> ingester;
    private final WriteQueue writes;
    private final Clock clock;
    private final Map<String, AtomicReference<Status>> jobs = new ConcurrentHashMap<>();

    /**
     * {@code collection}: the name each job reports, so a list of several collections' jobs says whose each is;
     * {@code ingester}: asked for when a job starts, as a reindex may have swapped the index since it was queued.
     */
    public IngestJobs(String collection, Supplier<Ingester> ingester, WriteQueue writes, Clock clock) {
        this.collection = collection;
        this.ingester = ingester;
        this.writes = writes;
        this.clock = clock;
    }

    /** Queues an ingest of {@code folder} into the source {@code source} filled from {@code root}; returns the job id. */
    public String submit(String source, Path root, Path folder) {
        String id = UUID.randomUUID().toString();
        AtomicReference<Status> status = new AtomicReference<>(
                new Status(id, collection, folder.toString(), State.QUEUED, clock.instant(), 0, 0, 0, null, null));
        writes.submit(() -> run(source, root, folder, status));
        jobs.put(id, status);
        evictFinished();
        return id;
    }

    public Optional<Status> status(String id) {
        AtomicReference<Status> s = jobs.get(id);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }

    public List<Status> all() {
        return jobs.values().stream().map(AtomicReference::get).sorted(Comparator.comparing(Status::created).reversed()).toList();
    }

    private Void run(String source, Path root, Path folder, AtomicReference<Status> status) {
        status.updateAndGet(s -> with(s, State.RUNNING, s.filesDone(), s.filesTotal(), s.chunksEmbedded(), null, null));
        try {
            IngestReport report = ingester.get().ingest(source, root, folder, (done, total, chunks) ->
                    status.updateAndGet(s -> with(s, State.RUNNING, done, total, chunks, null, null)), writes::stopping);
            status.updateAndGet(s -> with(s, State.DONE, report.filesSeen(), report.filesSeen(), report.chunksEmbedded(), report, null));
        } catch (RuntimeException e) {
            log.warn("Ingest of {} failed: {}", folder, e.getMessage());
            status.updateAndGet(s -> with(s, State.FAILED, s.filesDone(), s.filesTotal(), s.chunksEmbedded(), null, e.getMessage()));
        }
        return null;
    }

    /** Forgets the oldest finished jobs beyond {@link #KEPT_FINISHED}; queued and running ones are always kept. */
    private void evictFinished() {
        List<Status> finished = all().stream().filter(Status::finished).toList();
        for (Status old : finished.subList(Math.min(KEPT_FINISHED, finished.size()), finished.size())) jobs.remove(old.id());
    }

    private static Status with(Status s, State state, int done, int total, int chunks, IngestReport report, String error) {
        return new Status(s.id(), s.collection(), s.folder(), state, s.created(), done, total, chunks, report, error);
    }
}
