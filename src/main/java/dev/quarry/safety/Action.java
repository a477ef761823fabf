package dev.quarry.safety;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What ingest does with a type of finding: nothing ({@code off}); keep the value and tag its chunks ({@code tag});
 * replace it by its placeholder in everything stored, embedded and indexed ({@code redact}); or leave the whole file
 * out ({@code skip-file}).
 */
public enum Action {
    OFF, TAG, REDACT, SKIP_FILE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The action a setting names, by its label; {@code skip_file} is read as {@code skip-file}. */
    public static Optional<Action> of(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.label().equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return label();
    }
}
