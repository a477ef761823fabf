package dev.quarry.tune;

import dev.quarry.search.QueryTuning;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tuning a collection's searches use: its active profile, read again when the {@code active} file names another
 * (a {@code quarry tune} beside a running server activates a profile by writing it), looked at no more than once a
 * second. A profile learned for another model is not used.
 */
public final class ActiveTuning implements Supplier<QueryTuning> {

    private static final Logger log = LoggerFactory.getLogger(ActiveTuning.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final TuningProfiles profiles;
    private final String modelId;
    private final Object lock = new Object();
    private volatile QueryTuning current;
    private volatile long checkedAt;
    private String seen;

    public ActiveTuning(TuningProfiles profiles, String modelId) {
        this.profiles = profiles;
        this.modelId = modelId;
        refresh();
    }

    @Override
    public QueryTuning get() {
        if (System.nanoTime() - checkedAt >= CHECK_NANOS) {
            synchronized (lock) {
                // Searches that arrived together wait here once: only the first of them reads the file.
                if (System.nanoTime() - checkedAt >= CHECK_NANOS) refresh();
            }
        }
        return current;
    }

    /** Reads the active profile again now, when its pointer changed. */
    public void refresh() {
        synchronized (lock) {
            checkedAt = System.nanoTime();
            // The file's content, not its time: two activations within one tick of the file system's clock differ.
            String named = profiles.activeName();
            if (Objects.equals(named, seen)) return;
            seen = named;
            try {
                current = profiles.active().filter(this::forThisModel).map(TuningProfile::tuning).orElse(null);
            } catch (RuntimeException e) {
                // A damaged profile must not take search down: search untuned and say why.
                log.warn("Searching untuned: {}", e.getMessage());
                current = null;
            }
        }
    }

    private boolean forThisModel(TuningProfile p) {
        if (p.modelId().equals(modelId)) return true;
        log.warn("Tuning profile {} was learned for model {}, not {}: searching untuned", p.version(), p.modelId(), modelId);
        return false;
    }
}
