package dev.quarry.collection;

import dev.quarry.index.IndexLocation;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One reindex: build the new generation beside the live one, catch up and swap in the writer's turn. */
final class ReindexRun {

    private static final Logger log = LoggerFactory.getLogger(ReindexRun.class);

    private final Collection collection;
    private final CollectionSpec target;
    private final Path dir;
    private final CollectionFactory factory;
    private final IndexLocation location;
    private final AtomicReference<Reindexer.Status> status;
    private final BooleanSupplier stop;

    ReindexRun(Collection collection, CollectionSpec target, Path dir, CollectionFactory factory, IndexLocation location,
               AtomicReference<Reindexer.Status> status, BooleanSupplier stop) {
        this.collection = collection;
        this.target = target;
        this.dir = dir;
        this.factory = factory;
        this.location = location;
        this.status = status;
        this.stop = stop;
    }

    void run() {
        status.updateAndGet(s -> s.with(Reindexer.State.RUNNING, Reindexer.Phase.BUILDING, 0, 0, 0));
        Generation next = null;
        boolean swapped = false;
        try {
            log.info("Reindexing {} into {} ({}, chunks of {} tokens)", collection.name(), dir, target.embedding().modelId(),
                    target.chunking().maxTokens());
            next = factory.openGeneration(target, dir);
            List<IngestReport> reports = build(next);
            next.index.mergeSegments().join();
            status.updateAndGet(s -> s.with(Reindexer.State.RUNNING, Reindexer.Phase.CATCHING_UP, s.filesDone(),
                    s.filesTotal(), s.chunksEmbedded()));
            Generation built = next;
            int previous = collection.writes().run(() -> catchUpAndSwap(built, reports));
            swapped = true;
            log.info("Reindexed {}: generation {} is live, generation {} is kept for rollback", collection.name(),
                    built.number, previous);
            status.updateAndGet(s -> new Reindexer.Status(s.id(), s.collection(), Reindexer.State.DONE,
                    Reindexer.Phase.SWAPPED, s.model(), s.chunking(), s.generation(), previous, s.created(), s.filesDone(),
                    s.filesTotal(), s.chunksEmbedded(), List.copyOf(reports), null));
        } catch (RuntimeException e) {
            log.warn("Reindex of {} failed, the live generation stays: {}", collection.name(), e.getMessage());
            status.updateAndGet(s -> new Reindexer.Status(s.id(), s.collection(), Reindexer.State.FAILED, s.phase(),
                    s.model(), s.chunking(), s.generation(), null, s.created(), s.filesDone(), s.filesTotal(),
                    s.chunksEmbedded(), s.reports(), e.getMessage()));
            if (next != null && !swapped) discard(next);
        }
    }

    /** Every source as the collection describes it now, each file embedded afresh into the new generation. */
    private List<IngestReport> build(Generation next) {
        List<IngestReport> reports = new ArrayList<>();
        int[] before = new int[2];
        for (Source source : collection.spec().sources()) {
            IngestProgress progress = (done, total, chunks) -> status.updateAndGet(s -> s.with(Reindexer.State.RUNNING,
                    Reindexer.Phase.BUILDING, before[0] + done, before[0] + total, before[1] + chunks));
            IngestReport report = next.ingester.ingest(source.name(), source.folder(), source.folder(), progress, stop);
            reports.add(report);
            before[0] += report.filesSeen();
            before[1] += report.chunksEmbedded();
        }
        return reports;
    }

    /**
     * In the writer's turn, so no write interleaves: syncs each source again (what was ingested, changed or removed
     * since the build is caught up; unchanged files are skipped by their hash), then swaps. Returns the generation
     * that was live, which stays on disk.
     */
    private int catchUpAndSwap(Generation next, List<IngestReport> reports) {
        for (Source source : collection.spec().sources()) {
            reports.add(next.ingester.ingest(source.name(), source.folder(), source.folder(), IngestProgress.NONE, stop));
        }
        AtomicReference<Path> old = new AtomicReference<>();
        collection.swap(next, target.embedding(), target.chunking(), () -> old.set(location.switchTo(dir)));
        return IndexLocation.number(old.get());
    }

    private void discard(Generation next) {
        try {
            next.retire();
            location.delete(dir);
        } catch (RuntimeException e) {
            log.warn("Could not remove the unfinished generation {}: {}", dir, e.getMessage());
        }
    }
}
