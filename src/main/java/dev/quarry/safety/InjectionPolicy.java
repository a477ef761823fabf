package dev.quarry.safety;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to text that reads like instructions to a model: nothing ({@code off}: not even flagged at ingest);
 * flagged at ingest and quoted to the model as data with a warning ({@code quote}); or flagged and left out of the
 * prompt ({@code omit}).
 */
public enum InjectionPolicy {
    OFF, QUOTE, OMIT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InjectionPolicy> of(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(label.strip())).findFirst();
    }

    @Override
    public String toString() {
        return label();
    }
}
