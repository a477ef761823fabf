package dev.quarry.tune;

import dev.quarry.error.QuarryException;
import dev.quarry.search.QueryTuning;
import dev.quarry.search.TuningSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunings a collection's searches use: its active profile, read again when the {@code active} file names another
 * (a {@code quarry tune} beside a running server activates a profile by writing it), looked at no more than once a
 * second; and any profile a search names, read once (a saved profile never changes). A profile learned for another
 * model is not used.
 */
public final class ServedTuning implements TuningSource {

    private static final Logger log = LoggerFactory.getLogger(ServedTuning.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final TuningProfiles profiles;
    private final String modelId;
    private final Object lock = new Object();
    private final Map<Integer, QueryTuning> named = new ConcurrentHashMap<>();
    private volatile QueryTuning current;
    private volatile long checkedAt;
    private String seen;

    public ServedTuning(TuningProfiles profiles, String modelId) {
        this.profiles = profiles;
        this.modelId = modelId;
        refresh();
    }

    @Override
    public QueryTuning active() {
        if (System.nanoTime() - checkedAt >= CHECK_NANOS) {
            synchronized (lock) {
                // Searches that arrived together wait here once: only the first of them reads the file.
                if (System.nanoTime() - checkedAt >= CHECK_NANOS) refresh();
            }
        }
        return current;
    }

    /** A search naming an unknown profile, or one of another model, is refused: it asked for something specific. */
    @Override
    public QueryTuning profile(int version) {
        return named.computeIfAbsent(version, v -> {
            TuningProfile p = profiles.get(v).orElseThrow(() -> new QuarryException(QuarryException.Kind.INVALID, "tuning",
                    "the collection has no tuning profile " + v + (profiles.list().isEmpty() ? " (it has none: run quarry tune)" : "")));
            if (!p.modelId().equals(modelId)) {
                throw new QuarryException(QuarryException.Kind.INVALID, "tuning", "tuning profile " + v + " was learned for model "
                        + p.modelId() + ", and the collection now uses " + modelId);
            }
            return p.tuning();
        });
    }

    /** Reads the active profile again now, when its pointer changed. */
    public void refresh() {
        synchronized (lock) {
            checkedAt = System.nanoTime();
            // The file's content, not its time: two activations within one tick of the file system's clock differ.
            String activeName = profiles.activeName();
            if (Objects.equals(activeName, seen)) return;
            seen = activeName;
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
