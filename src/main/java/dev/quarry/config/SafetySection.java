package dev.quarry.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.error.ConfigException;
import dev.quarry.safety.Action;
import dev.quarry.safety.Detectors;
import dev.quarry.safety.FindingType;
import dev.quarry.safety.SafetyConfig;
import dev.quarry.safety.SafetyPolicy;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code safety.*}: {@code phoneRegion}, {@code pii.<type>: off | tag | redact | skip-file} for every collection,
 * and {@code collections[]} with a {@code name} and the {@code pii} actions that collection changes.
 */
final class SafetySection {

    private SafetySection() {
    }

    static SafetyConfig read(ConfigValues v, JsonNode collections) {
        String region = v.text("safety.phoneRegion", SafetyConfig.DEFAULT_PHONE_REGION);
        if (!Detectors.knowsRegion(region)) {
            throw new ConfigException("safety.phoneRegion", region, "is not a region code libphonenumber knows (ISO 3166, such as US, GB, DE)");
        }
        SafetyPolicy defaults = SafetyPolicy.DEFAULT.with(actions(v, "safety.pii."));
        Map<String, SafetyPolicy> named = new LinkedHashMap<>();
        for (int i = 0; i < collections.size(); i++) {
            ConfigValues c = new ConfigValues(collections.get(i), "safety.collections[]", ConfigKeys.item("safety.collections", i, collections.get(i)));
            String name = c.requiredText("name");
            if (named.put(name, defaults.with(actions(c, "pii."))) != null) {
                throw new ConfigException(c.name("name"), name, "is named by two items of safety.collections");
            }
        }
        return new SafetyConfig(region, defaults, named);
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
