package dev.quarry.search;

import java.util.Locale;

/**
 * Which tuning a search uses: the collection's active profile, none (untuned, for comparison), or one named profile
 * version (to try a profile before activating it, or to compare two).
 */
public record TuningChoice(Kind kind, int version) {

    public enum Kind { ACTIVE, NONE, PROFILE }

    public static final TuningChoice ACTIVE = new TuningChoice(Kind.ACTIVE, 0);
    public static final TuningChoice NONE = new TuningChoice(Kind.NONE, 0);

    public TuningChoice {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if (kind == Kind.PROFILE && version <= 0) throw new IllegalArgumentException("a profile version is positive, got " + version);
        if (kind != Kind.PROFILE) version = 0;
    }

    public static TuningChoice profile(int version) {
        return new TuningChoice(Kind.PROFILE, version);
    }

    /** {@code active}, {@code none} or a profile's version, as requests and the command line name them. */
    public static TuningChoice parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("active")) return ACTIVE;
        if (t.equalsIgnoreCase("none")) return NONE;
        try {
            int version = Integer.parseInt(t);
            if (version > 0) return profile(version);
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException("must be active, none or a profile version (a positive whole number), got '" + t + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.PROFILE ? Integer.toString(version) : kind.name().toLowerCase(Locale.ROOT);
    }
}
