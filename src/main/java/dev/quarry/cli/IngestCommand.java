package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.Collection;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.collection.Collections;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.IngestStoppedException;
import dev.quarry.ingest.SkippedFile;
import dev.quarry.ingest.FolderWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", description = "Bring the index in line with a folder: embed new and changed files, drop removed ones.")
final class IngestCommand implements Callable<Integer> {

    private final Map<String, String> env;

    IngestCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<folder>", description = "The folder to index.")
    Path folder;

    @Option(names = "--rebuild", description = "Build a new index from scratch (for a new model or chunking);"
            + " it replaces the old one when complete.")
    boolean rebuild;

    @Option(names = "--watch", description = "After the first pass, keep the index in sync with the folder until stopped.")
    boolean watch;

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection to fill (default: the default"
            + " collection; create others with `quarry collections create`).")
    String collection;

    @Option(names = "--source", paramLabel = "<name>", description = "The source name of a new folder in the collection"
            + " (default: the folder's name); its documents' ids start with it.")
    String source;

    @Override
    public Integer call() throws InterruptedException {
        QuarryConfig config = ConfigLoader.load(env);
        StopSignals signals = StopSignals.install();
        try {
            if (rebuild) {
                try (CollectionFactory factory = Quarry.factory(config, env)) {
                    Collections.rebuild(factory, collection, folder, source, ProgressPrinter.forConsole(), signals::received)
                            .forEach(IngestCommand::print);
                }
                return 0;
            }
            try (Quarry quarry = Quarry.open(config, env)) {
                Collection target = quarry.collection(collection);
                print(target.ingest(folder, source, ProgressPrinter.forConsole(), signals::received));
                awaitMerge(target, signals);
                // With --watch, a signal is the ordinary way to end: exit 0 once the watcher has stopped.
                if (watch) watchUntilStopped(target, signals);
            }
            return 0;
        } catch (IngestStoppedException e) {
            System.err.println("quarry: " + e.getMessage() + (rebuild ? "; the previous index is still the live one" : ""));
            return signals.exitCode();
        }
    }

    /**
     * A large ingest leaves the index in several segments, which slows vector search until they are merged: the
     * command waits for that merge, unless stopped, when the next ingest or server start merges instead.
     */
    private static void awaitMerge(Collection target, StopSignals signals) throws InterruptedException {
        CompletableFuture<Void> merge = target.index().mergeSegments();
        if (merge.isDone()) return;
        System.err.println("Merging the index's segments so that searches are fast (Ctrl+C to leave it for later)...");
        signals.await(merge);
    }

    static void print(IngestReport report) {
        for (SkippedFile s : report.skipped()) System.out.println("skipped " + s.path() + ": " + s.reason());
        System.out.println(report.summary());
    }

    private void watchUntilStopped(Collection target, StopSignals signals) throws InterruptedException {
        try (FolderWatcher watcher = target.watch(folder, source, Duration.ofMillis(500), r -> {
            if (r.added() + r.updated() + r.deleted() > 0 || !r.skipped().isEmpty()) print(r);
        })) {
            System.err.println("Watching " + folder + " for changes; Ctrl+C to stop.");
            signals.await();
        }
    }
}
