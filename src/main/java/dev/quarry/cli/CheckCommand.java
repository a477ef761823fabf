package dev.quarry.cli;

import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.lucene.IndexCheck;
import dev.quarry.index.lucene.IndexVersions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", description = "Verify the live index read-only: every checksum and structure (works while a"
        + " server runs). Exits 0 when clean, 3 when damaged; --verbose also prints Lucene's report of every segment.")
final class CheckCommand implements Callable<Integer> {

    static final int DAMAGED = 3;

    private final Map<String, String> env;

    CheckCommand(Map<String, String> env) {
        this.env = env;
    }

    /** {@code quarry check --verbose} also prints Lucene's full report of every segment. */
    @ParentCommand
    Main quarry;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        IndexCheck.Result result = IndexCheck.run(new IndexLocation(config.dataDir(), config.collection()).current());
        if (quarry != null && quarry.verbose) System.out.print(result.details());
        System.out.printf("%s: %d segments, %d chunks, %.1f MB%n", result.dir(), result.segments(), result.chunks(), result.sizeMb());
        if (result.versions() != null) System.out.println(versions(result.versions()));
        if (result.clean()) {
            System.out.println("clean: every checksum and structure verified");
            return 0;
        }
        result.problems().forEach(p -> System.out.println("DAMAGED: " + p));
        System.out.println("Restore the index from a snapshot or backup, or rebuild it with `quarry ingest --rebuild <folder>`.");
        return DAMAGED;
    }

    /** Which Lucene wrote the index, and whether an upgrade would rewrite it. */
    private static String versions(IndexVersions versions) {
        String line = "written by Lucene: " + versions.describe() + "; this Quarry writes " + IndexVersions.WRITES
                + " and reads indexes of Lucene " + IndexVersions.OLDEST_READABLE_MAJOR + " or later";
        return versions.olderSegments() ? line + ". `quarry upgrade-index` rewrites the older segments" : line;
    }
}
