package dev.quarry.safety;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one collection does with each type of finding at ingest (types not named are {@link Action#TAG}ged), and with
 * text that reads like injected instructions.
 */
public record SafetyPolicy(Map<FindingType, Action> actions, InjectionPolicy injection) {

    /** Every type tagged, injections quoted: nothing is changed or left out, and everything is counted and filterable. */
    public static final SafetyPolicy DEFAULT = new SafetyPolicy(Map.of(), InjectionPolicy.QUOTE);

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
        return new SafetyPolicy(merged, injection);
    }

    public SafetyPolicy withInjection(InjectionPolicy newInjection) {
        return new SafetyPolicy(actions, newInjection);
    }

    boolean redactsAnything() {
        return actions.containsValue(Action.REDACT);
    }

    boolean scansAnything() {
        return actions.values().stream().anyMatch(a -> a != Action.OFF);
    }

    boolean flagsInjections() {
        return injection != InjectionPolicy.OFF;
    }
}
