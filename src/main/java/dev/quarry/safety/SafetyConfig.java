package dev.quarry.safety;

import java.util.List;
import java.util.Map;

/**
 * The {@code safety} section: the region national phone numbers are read as from, the policy every collection
 * follows, the collections that follow another, and the blocklists each collection's and each deployment's chat
 * applies.
 */
public record SafetyConfig(String phoneRegion, SafetyPolicy defaults, Map<String, SafetyPolicy> collections,
                           Map<String, List<Blocklist>> collectionBlocklists, Map<String, List<Blocklist>> deploymentBlocklists) {

    public static final String DEFAULT_PHONE_REGION = "US";

    public SafetyConfig {
        collections = Map.copyOf(collections);
        collectionBlocklists = Map.copyOf(collectionBlocklists);
        deploymentBlocklists = Map.copyOf(deploymentBlocklists);
    }

    /** The blocklists the chat of {@code collection} applies, with those of the deployment that answers. */
    public ChatGuard chatGuard(String collection) {
        return new ChatGuard(collectionBlocklists.getOrDefault(collection, List.of()), deploymentBlocklists, policy(collection).injection());
    }

    public SafetyPolicy policy(String collection) {
        return collections.getOrDefault(collection, defaults);
    }

    @Override
    public String toString() {
        return "safety[phoneRegion=" + phoneRegion + ", " + defaults.actions() + ", injection=" + defaults.injection() + ", collections=" + collections.keySet()
                + ", blocklists=" + collectionBlocklists + ", deploymentBlocklists=" + deploymentBlocklists + "]";
    }
}
