package dev.quarry.safety;

import java.util.Map;

/**
 * The {@code safety} section: the region national phone numbers are read as from, the policy every collection
 * follows, and the collections that follow another.
 */
public record SafetyConfig(String phoneRegion, SafetyPolicy defaults, Map<String, SafetyPolicy> collections) {

    public static final String DEFAULT_PHONE_REGION = "US";
    public static final SafetyConfig DEFAULT = new SafetyConfig(DEFAULT_PHONE_REGION, SafetyPolicy.DEFAULT, Map.of());

    public SafetyConfig {
        collections = Map.copyOf(collections);
    }

    public SafetyPolicy policy(String collection) {
        return collections.getOrDefault(collection, defaults);
    }

    @Override
    public String toString() {
        return "safety[phoneRegion=" + phoneRegion + ", " + defaults.actions() + ", collections=" + collections.keySet() + "]";
    }
}
