package dev.quarry.safety;

import java.util.Locale;
import java.util.Optional;

/**
 * What a detector finds: personal data and secrets. {@code checksummed} types are confirmed by a check digit
 * (Luhn, mod-97, the national identifiers' own), so they are held to a higher precision target than the pattern-only ones.
 */
public enum FindingType {
    PRIVATE_KEY(false),
    JWT(false),
    AWS_KEY(false),
    SECRET(false),
    EMAIL(false),
    CARD(true),
    IBAN(true),
    SSN(false),
    NATIONAL_ID(true),
    PHONE(false),
    IP(false);

    private final boolean checksummed;

    FindingType(boolean checksummed) {
        this.checksummed = checksummed;
    }

    public boolean checksummed() {
        return checksummed;
    }

    /** The name in configuration, tags, reports and metrics: {@code email}, {@code aws_key}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What replaces a redacted value: {@code [EMAIL]}. */
    public String placeholder() {
        return "[" + name() + "]";
    }

    public static Optional<FindingType> of(String label) {
        for (FindingType t : values()) if (t.label().equals(label)) return Optional.of(t);
        return Optional.empty();
    }
}
