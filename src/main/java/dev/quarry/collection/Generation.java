package dev.quarry.collection;

import dev.quarry.chat.ChatService;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.ingest.Ingester;
import dev.quarry.search.Searcher;
import dev.quarry.tune.CollectionTuning;
import dev.quarry.tune.TuneJobs;
import java.util.concurrent.CompletableFuture;

/**
 * One index generation of a served collection and everything bound to it: its searcher, ingester, chat service and
 * tuning (profiles are kept per model). Requests lease it; once a swap retires it, it takes no new leases and closes
 * its index when the last one is released, so a request in flight finishes on the generation it started on.
 */
final class Generation {

    final int number;
    final ChunkIndex index;
    final CachingEmbedder embedder;
    final Searcher searcher;
    final CollectionTuning tuning;
    final TuneJobs tuneJobs;
    final Ingester ingester;
    final ChatService chat;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private int leases;
    private boolean retired;

    Generation(int number, ChunkIndex index, CachingEmbedder embedder, Searcher searcher,
               CollectionTuning tuning, TuneJobs tuneJobs, Ingester ingester, ChatService chat) {
        this.number = number;
        this.index = index;
        this.embedder = embedder;
        this.searcher = searcher;
        this.tuning = tuning;
        this.tuneJobs = tuneJobs;
        this.ingester = ingester;
        this.chat = chat;
    }

    /** False once retired: the caller then leases the generation that replaced it. */
    synchronized boolean acquire() {
        if (retired) return false;
        leases++;
        return true;
    }

    void release() {
        boolean last;
        synchronized (this) {
            if (leases == 0) throw new IllegalStateException("generation " + number + " released more often than leased");
            leases--;
            last = retired && leases == 0;
        }
        if (last) closeNow();
    }

    /** Takes no more leases and closes once the leases held are released (at once when there are none). */
    void retire() {
        boolean idle;
        synchronized (this) {
            if (retired) return;
            retired = true;
            idle = leases == 0;
        }
        // A tuning run of this generation ends on its own; its thread no longer takes runs.
        tuneJobs.close();
        if (idle) closeNow();
    }

    /** Completes once the index is closed: after {@link #retire()} and the last release. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    private void closeNow() {
        try {
            index.close();
            closed.complete(null);
        } catch (RuntimeException e) {
            closed.completeExceptionally(e);
            throw e;
        }
    }
}
