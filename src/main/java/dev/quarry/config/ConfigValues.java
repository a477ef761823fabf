package dev.quarry.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.error.Choices;
import dev.quarry.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Strict typed reads from the merged configuration tree. A value of the wrong type is refused, naming the key, the
 * value and what is allowed; only a key that is missing or given no value takes its default. Numbers may be written as text because
 * environment variables are text, but "sixty" is never read as a number, nor a list as one value.
 *
 * @param root   the mapping read from
 * @param schema where {@code root} sits in {@link ConfigKeys}: "" for the top level, "chat.deployments[]" for an item
 * @param shown  how messages name {@code root}: "" for the top level, "chat.deployments.gpt" for an item
 */
record ConfigValues(JsonNode root, String schema, String shown) {

    ConfigValues(JsonNode root) {
        this(root, "", "");
    }

    boolean has(String key) {
        JsonNode n = node(key);
        return !n.isMissingNode() && !n.isNull();
    }

    /** The name of {@code key} in messages. */
    String name(String key) {
        return shown.isEmpty() ? key : shown + "." + key;
    }

    String text(String key, String fallback) {
        JsonNode n = node(key);
        if (n.isMissingNode() || n.isNull()) return fallback;
        if (n.isContainerNode()) throw bad(key, n, "must be a single value, not " + (n.isArray() ? "a list" : "a mapping"));
        return n.asText();
    }

    /** A text that must be there: for settings without a sensible default. */
    String requiredText(String key) {
        String text = text(key, null);
        if (text == null || text.isBlank()) throw ConfigException.of(name(key), name(key) + " is required");
        return text;
    }

    int integer(String key, int fallback, int min) {
        long value = longValue(key, fallback, min);
        if (value > Integer.MAX_VALUE) throw new ConfigException(name(key), Long.toString(value), "must be at most " + Integer.MAX_VALUE);
        return (int) value;
    }

    int integer(String key, int fallback, int min, int max) {
        int value = integer(key, fallback, min);
        if (value > max) throw new ConfigException(name(key), Integer.toString(value), "must be in " + min + ".." + max);
        return value;
    }

    long longValue(String key, long fallback, long min) {
        JsonNode n = node(key);
        String text = text(key, null);
        if (text == null) return fallback;
        long value;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            value = n.asLong();
        } else {
            try {
                // Underscores group digits, as YAML allows: 52_428_800.
                value = n.isNumber() ? Long.parseLong(text) : Long.parseLong(text.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new ConfigException(name(key), text, "must be a whole number");
            }
        }
        if (value < min) throw new ConfigException(name(key), text, "must be at least " + min);
        return value;
    }

    Duration seconds(String key, Duration fallback, int min) {
        return Duration.ofSeconds(integer(key, (int) fallback.toSeconds(), min));
    }

    double number(String key, double fallback, double min, double max) {
        String text = text(key, null);
        if (text == null) return fallback;
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name(key), text, "must be a number in " + min + ".." + max);
        }
        if (!(value >= min && value <= max)) throw new ConfigException(name(key), text, "must be a number in " + min + ".." + max);
        return value;
    }

    boolean bool(String key, boolean fallback) {
        String text = text(key, null);
        if (text == null) return fallback;
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(name(key), text, "must be true or false");
        };
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        return choice(key, List.of(type.getEnumConstants()), fallback);
    }

    <E extends Enum<E>> E choice(String key, List<E> allowed, E fallback) {
        String text = text(key, null);
        if (text == null) return fallback;
        return Choices.parse(allowed, text, problem -> ConfigException.of(name(key), name(key) + " " + problem));
    }

    /** A list written as a YAML sequence of values or as one comma-separated string, as an environment variable is. */
    List<String> texts(String key) {
        JsonNode n = node(key);
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode item : n) {
                if (item.isContainerNode() || item.isNull()) throw bad(key, n, "must be a list of single values");
                if (!item.asText().isBlank()) out.add(item.asText().strip());
            }
        } else if (!n.isMissingNode() && !n.isNull()) {
            if (n.isObject()) throw bad(key, n, "must be a list or a comma-separated text, not a mapping");
            for (String p : n.asText().split(",")) if (!p.isBlank()) out.add(p.strip());
        }
        return out;
    }

    List<Path> paths(String key) {
        return texts(key).stream().map(Path::of).toList();
    }

    /** Runs a record constructor, turning its validation error into one that names the section. */
    <T> T build(String section, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String where = name(section);
            throw new ConfigException(message.startsWith(where) ? message : where + ": " + message, e);
        }
    }

    private JsonNode node(String key) {
        String path = schema.isEmpty() ? key : schema + "." + key;
        // A read of a key the schema does not list would let quarry.yaml's check refuse a key that works.
        if (!ConfigKeys.isSetting(path)) throw new IllegalStateException(path + " is read but not listed in ConfigKeys");
        JsonNode n = root;
        for (String part : key.split("\\.")) n = n.path(part);
        return n;
    }

    private ConfigException bad(String key, JsonNode value, String problem) {
        return new ConfigException(name(key), value.toString(), problem);
    }
}
