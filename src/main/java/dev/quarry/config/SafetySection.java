package dev.quarry.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.error.ConfigException;
import dev.quarry.safety.Action;
import dev.quarry.safety.Blocklist;
import dev.quarry.safety.Detectors;
import dev.quarry.safety.FindingType;
import dev.quarry.safety.InjectionPolicy;
import dev.quarry.safety.SafetyConfig;
import dev.quarry.safety.SafetyPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code safety.*}: {@code phoneRegion}; {@code pii.<type>: off | tag | redact | skip-file} and
 * {@code injection: off | quote | omit} for every collection;
 * {@code blocklists[]} ({@code name}, {@code terms}, {@code patterns}); {@code collections[]} with a {@code name},
 * the {@code pii} actions and {@code injection} policy that collection changes, and the {@code blocklists} its chat applies; and
 * {@code deployments[]} with a chat deployment's {@code name} and its {@code blocklists}.
 */
final class SafetySection {

    private SafetySection() {
    }

    static SafetyConfig read(ConfigValues v, JsonNode safety, List<String> deployments) {
        String region = v.text("safety.phoneRegion", SafetyConfig.DEFAULT_PHONE_REGION);
        // The default needs no check, which keeps libphonenumber's metadata out of commands that never scan text.
        if (!region.equals(SafetyConfig.DEFAULT_PHONE_REGION) && !Detectors.knowsRegion(region)) {
            throw new ConfigException("safety.phoneRegion", region, "is not a region code libphonenumber knows (ISO 3166, such as US, GB, DE)");
        }
        SafetyPolicy defaults = injection(v, "safety.injection", SafetyPolicy.DEFAULT.with(actions(v, "safety.pii.")));
        Map<String, Blocklist> lists = blocklists(safety.path("blocklists"));
        Map<String, SafetyPolicy> policies = new LinkedHashMap<>();
        Map<String, List<Blocklist>> collectionLists = new LinkedHashMap<>();
        JsonNode collections = safety.path("collections");
        for (int i = 0; i < collections.size(); i++) {
            ConfigValues c = new ConfigValues(collections.get(i), "safety.collections[]", ConfigKeys.item("safety.collections", i, collections.get(i)));
            String name = c.requiredText("name");
            if (policies.put(name, injection(c, "injection", defaults.with(actions(c, "pii.")))) != null) {
                throw new ConfigException(c.name("name"), name, "is named by two items of safety.collections");
            }
            collectionLists.put(name, named(c, lists));
        }
        Map<String, List<Blocklist>> deploymentLists = new LinkedHashMap<>();
        JsonNode items = safety.path("deployments");
        for (int i = 0; i < items.size(); i++) {
            ConfigValues d = new ConfigValues(items.get(i), "safety.deployments[]", ConfigKeys.item("safety.deployments", i, items.get(i)));
            String name = d.requiredText("name");
            if (!deployments.contains(name) && !name.equals("extractive")) {
                throw new ConfigException(d.name("name"), name, "is not a chat deployment; configured: " + deployments + " and extractive");
            }
            deploymentLists.put(name, named(d, lists));
        }
        return new SafetyConfig(region, defaults, policies, collectionLists, deploymentLists);
    }

    private static Map<String, Blocklist> blocklists(JsonNode items) {
        Map<String, Blocklist> lists = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigValues b = new ConfigValues(items.get(i), "safety.blocklists[]", ConfigKeys.item("safety.blocklists", i, items.get(i)));
            String name = b.requiredText("name");
            Blocklist list;
            try {
                list = new Blocklist(name, b.texts("terms"), patterns(b));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(b.name("patterns") + ": " + e.getMessage(), e);
            }
            if (lists.put(name, list) != null) throw new ConfigException(b.name("name"), name, "names two blocklists");
        }
        return lists;
    }

    /** Patterns are never split at commas, which regular expressions use. */
    private static List<String> patterns(ConfigValues b) {
        JsonNode node = b.root().path("patterns");
        if (node.isMissingNode() || node.isNull()) return List.of();
        if (!node.isArray()) return List.of(b.text("patterns", ""));
        List<String> out = new ArrayList<>();
        node.forEach(p -> out.add(p.asText()));
        return out;
    }

    private static List<Blocklist> named(ConfigValues v, Map<String, Blocklist> lists) {
        List<Blocklist> out = new ArrayList<>();
        for (String name : v.texts("blocklists")) {
            Blocklist list = lists.get(name);
            if (list == null) throw new ConfigException(v.name("blocklists"), name, "is not a blocklist; defined: " + lists.keySet());
            out.add(list);
        }
        return out;
    }

    private static SafetyPolicy injection(ConfigValues v, String key, SafetyPolicy policy) {
        String text = v.text(key, null);
        if (text == null) return policy;
        return policy.withInjection(InjectionPolicy.of(text).orElseThrow(() -> new ConfigException(v.name(key), text,
                "must be one of " + Arrays.stream(InjectionPolicy.values()).map(InjectionPolicy::label).collect(Collectors.joining(", ")))));
    }

    private static Map<FindingType, Action> actions(ConfigValues v, String prefix) {
        Map<FindingType, Action> actions = new EnumMap<>(FindingType.class);
        for (FindingType type : FindingType.values()) {
            String key = prefix + type.label();
            String text = v.text(key, null);
            if (text == null) continue;
            actions.put(type, Action.of(text).orElseThrow(() -> new ConfigException(v.name(key), text,
                    "must be one of " + Arrays.stream(Action.values()).map(Action::label).collect(Collectors.joining(", ")))));
        }
        return actions;
    }
}
