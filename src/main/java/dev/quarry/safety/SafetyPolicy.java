package dev.quarry.safety;

import java.util.EnumMap;
import java.util.Map;

/** What one collection's ingest does with each type of finding. Types not named are {@link Action#TAG}ged. */
public record SafetyPolicy(Map<FindingType, Action> actions) {

    /** Every type tagged: nothing is changed or left out, and everything is counted and filterable. */
    public static final SafetyPolicy DEFAULT = new SafetyPolicy(Map.of());

    public SafetyPolicy {
        EnumMap<FindingType, Action> all = new EnumMap<>(FindingType.class);
        for (FindingType t : FindingType.values()) all.put(t, actions.getOrDefault(t, Action.TAG));
        actions = Map.copyOf(all);
    }

    public Action action(FindingType type) {
        return actions.get(type);
    }

    /** This policy with {@code overrides} in place of its actions for the types they name. */
    public SafetyPolicy with(Map<FindingType, Action> overrides) {
        EnumMap<FindingType, Action> merged = new EnumMap<>(actions);
        merged.putAll(overrides);
        return new SafetyPolicy(merged);
    }

    boolean redactsAnything() {
        return actions.containsValue(Action.REDACT);
    }

    boolean scansAnything() {
        return actions.values().stream().anyMatch(a -> a != Action.OFF);
    }
}
