package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.Collection;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.tune.HeldOut;
import dev.quarry.tune.NotEnoughJudgmentsException;
import dev.quarry.tune.Tuner;
import dev.quarry.tune.TuningProfile;
import dev.quarry.tune.TuningProfiles;
import dev.quarry.tune.TuningReport;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quarry tune}: learns a tuning profile from the collection's judged queries and activates it when it beats
 * untuned search on held-out folds; {@code --list} and {@code --activate} manage the profiles. Opens the index
 * read-only, so it runs beside a server, which picks up the activated profile within a second.
 */
@Command(name = "tune", description = "Learn a query adapter and fusion from the collection's judged queries (see `quarry"
        + " judgments`), measured by cross-validation; activated only when it beats untuned search on held-out queries.")
final class TuneCommand implements Callable<Integer> {

    static final int NOT_ENOUGH = UsageErrors.EXIT;

    private final Map<String, String> env;

    TuneCommand(Map<String, String> env) {
        this.env = env;
    }

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
    String collection;

    @Option(names = "--list", description = "List the collection's tuning profiles and which one is active.")
    boolean list;

    @Option(names = "--activate", paramLabel = "<version|none>", description = "Make a profile the one searches use (none: untuned).")
    String activate;

    @Option(names = "--no-activate", description = "Store the new profile without activating it.")
    boolean noActivate;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
            Collection c = quarry.collection(collection);
            TuningProfiles profiles = c.tuning().profiles();
            if (list) return list(profiles);
            if (activate != null) return activate(profiles);
            Map<String, Map<String, Integer>> judged = c.tuning().judgments().byQuery();
            TuningReport report;
            try {
                report = new Tuner(c.index(), c.embedder(), config.fusion(), Tuner.Settings.DEFAULT)
                        .tune(judged, message -> System.err.println("tune: " + message));
            } catch (NotEnoughJudgmentsException e) {
                System.err.println("quarry tune: " + e.getMessage());
                return NOT_ENOUGH;
            }
            TuningProfile saved = profiles.save(report, c.embedder().model().id(), Instant.now());
            print(saved);
            if (!report.improves()) {
                System.out.printf("not activated: tuned hybrid search did not beat untuned on held-out queries (%+.4f)%n", report.hybridGain());
            } else if (noActivate) {
                System.out.println("stored, not activated: `quarry tune --activate " + saved.version() + "` to use it");
            } else {
                profiles.activate(saved.version());
                System.out.println("activated profile " + saved.version() + " for collection " + c.name());
            }
            return 0;
        }
    }

    private int list(TuningProfiles profiles) {
        Integer active = profiles.active().map(TuningProfile::version).orElse(null);
        if (profiles.list().isEmpty()) System.out.println("no tuning profiles: judge queries, then run `quarry tune`");
        for (TuningProfile p : profiles.list()) {
            System.out.printf("profile %d%s  %s  %d queries, held-out hybrid nDCG@10 %.4f -> %.4f (%+.4f)%n", p.version(),
                    Integer.valueOf(p.version()).equals(active) ? " (active)" : "", p.created(), p.report().queries(),
                    p.report().untunedHybrid().ndcg10(), p.report().tunedHybrid().ndcg10(), p.report().hybridGain());
        }
        return 0;
    }

    private int activate(TuningProfiles profiles) {
        if (activate.equals("none")) {
            profiles.activate(null);
            System.out.println("searches are untuned");
            return 0;
        }
        int version;
        try {
            version = Integer.parseInt(activate);
        } catch (NumberFormatException e) {
            System.err.println("quarry tune: --activate takes a profile version or none, got " + activate);
            return UsageErrors.EXIT;
        }
        if (profiles.get(version).isEmpty()) {
            System.err.println("quarry tune: there is no tuning profile " + version + " (see `quarry tune --list`)");
            return UsageErrors.EXIT;
        }
        profiles.activate(version);
        System.out.println("activated profile " + version);
        return 0;
    }

    private static void print(TuningProfile p) {
        TuningReport r = p.report();
        System.out.printf("profile %d: %d judged queries (%d skipped: no relevant document indexed), %d folds, %.0f s%n",
                p.version(), r.queries(), r.skippedQueries(), r.folds(), r.trainingMillis() / 1000.0);
        System.out.printf("%-18s %9s %11s%n", "held-out", "nDCG@10", "Recall@100");
        row("vector, untuned", r.untunedVector());
        row("vector, tuned", r.tunedVector());
        row("hybrid, untuned", r.untunedHybrid());
        row("hybrid, tuned", r.tunedHybrid());
        System.out.println("fusion: " + r.fusion());
    }

    private static void row(String name, HeldOut h) {
        System.out.printf("%-18s %9.4f %11.4f%n", name, h.ndcg10(), h.recall100());
    }
}
