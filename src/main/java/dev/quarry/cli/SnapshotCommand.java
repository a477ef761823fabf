package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.collection.CollectionSpec;
import dev.quarry.collection.Collections;
import dev.quarry.collection.Snapshot;
import dev.quarry.collection.SnapshotSource;
import dev.quarry.collection.Snapshots;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry snapshot create|list|export|delete|restore}: a collection's snapshots, while no server holds it (a
 * running server takes and restores them through its API).
 */
@Command(name = "snapshot", description = "Take, list, export, delete or restore snapshots of a collection (a running server: use its API).",
        subcommands = {SnapshotCommand.Create.class, SnapshotCommand.ListSnapshots.class, SnapshotCommand.Export.class,
                SnapshotCommand.Delete.class, SnapshotCommand.Restore.class})
final class SnapshotCommand {

    /** What every subcommand shares: the environment and the collection it works on. */
    abstract static class OnCollection implements Callable<Integer> {

        private final Map<String, String> env;

        @Option(names = "--collection", description = "The collection (default: the configured one).")
        String collection;

        OnCollection(Map<String, String> env) {
            this.env = env;
        }

        QuarryConfig config() {
            return ConfigLoader.load(env);
        }

        Map<String, String> env() {
            return env;
        }

        Snapshots snapshots(QuarryConfig config) {
            return Snapshots.idle(config, name(config));
        }

        String name(QuarryConfig config) {
            return collection == null ? config.collection() : collection;
        }
    }

    @Command(name = "create", description = "Snapshot the collection's last commit; files an earlier snapshot holds are shared.")
    static final class Create extends OnCollection {
        Create(Map<String, String> env) {
            super(env);
        }

        @Override
        public Integer call() {
            Snapshot s = snapshots(config()).create();
            System.out.printf("snapshot %s of %s: %d documents, %d chunks, %d bytes (%d new)%n", s.id(), s.collection(),
                    s.documents(), s.chunks(), s.bytes(), s.addedBytes());
            return 0;
        }
    }

    @Command(name = "list", description = "List the collection's snapshots, oldest first.")
    static final class ListSnapshots extends OnCollection {
        ListSnapshots(Map<String, String> env) {
            super(env);
        }

        @Override
        public Integer call() {
            for (Snapshot s : snapshots(config()).list()) {
                System.out.printf("%s  %s  %d documents, %d chunks, %d bytes (%d new when taken), model %s%n", s.id(), s.created(),
                        s.documents(), s.chunks(), s.bytes(), s.addedBytes(), s.model());
            }
            return 0;
        }
    }

    @Command(name = "export", description = "Write a snapshot as a tar archive with its checksum manifest.")
    static final class Export extends OnCollection {
        Export(Map<String, String> env) {
            super(env);
        }

        @Parameters(index = "0", paramLabel = "<id>")
        String id;

        @Parameters(index = "1", paramLabel = "<file.tar>")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                snapshots(config()).download(id, out);
            }
            System.out.println("wrote snapshot " + id + " to " + file);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a snapshot, and the files no other snapshot holds.")
    static final class Delete extends OnCollection {
        Delete(Map<String, String> env) {
            super(env);
        }

        @Parameters(paramLabel = "<id>")
        String id;

        @Override
        public Integer call() {
            snapshots(config()).delete(id);
            System.out.println("deleted snapshot " + id);
            return 0;
        }
    }

    @Command(name = "restore", description = "Restore a snapshot (an id of --collection, or a .tar archive) into a new"
            + " collection, or over --collection; every checksum and the index are verified first.")
    static final class Restore extends OnCollection {
        Restore(Map<String, String> env) {
            super(env);
        }

        @Parameters(paramLabel = "<archive-or-id>", description = "A tar file written by `snapshot export` or a download, or a snapshot id.")
        String from;

        @ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--into", paramLabel = "<new-collection>", description = "Restore into a new collection.")
            String into;

            @Option(names = "--replace", description = "Replace --collection; its previous index is kept until the restored one is verified.")
            boolean replace;
        }

        @Override
        public Integer call() throws IOException {
            QuarryConfig config = config();
            Path archive = Path.of(from);
            try (CollectionFactory factory = Quarry.factory(config, env());
                 InputStream in = Files.isRegularFile(archive) ? Files.newInputStream(archive) : null) {
                SnapshotSource source = in != null ? new SnapshotSource.Archive(in) : stored(config);
                CollectionSpec spec = target.replace ? Collections.restoreReplacing(factory, source, name(config))
                        : Collections.restoreDescribed(factory, source, target.into);
                System.out.println("restored " + from + (target.replace ? " over " : " into ") + spec.name());
            }
            return 0;
        }

        private SnapshotSource stored(QuarryConfig config) {
            try {
                return snapshots(config).source(from);
            } catch (QuarryException e) {
                if (e.kind() != QuarryException.Kind.NOT_FOUND) throw e;
                throw new QuarryException(QuarryException.Kind.NOT_FOUND, "archive-or-id", from + " is neither a file nor a"
                        + " snapshot of collection '" + name(config) + "' (`quarry snapshot list` shows them)");
            }
        }
    }
}
