package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.error.Suggestions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads request bodies: a JSON object whose every field its record in {@link RequestBodies} declares. A field that is
 * not declared is refused, as Caffeine refuses an unknown option: a misspelt {@code kk} or {@code filter.typs} was
 * once dropped and the request answered as if it were not there. The problem names the field, suggests the closest
 * accepted name and lists them all.
 */
final class JsonBodies {

    private final ObjectMapper json;
    /** Introspecting a record costs tens of microseconds; each is done once. */
    private final Map<Class<?>, Map<String, Class<?>>> shapes = new ConcurrentHashMap<>();

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** {@code body} parsed, with every field checked against {@code shape}; a 400 naming the first unknown one. */
    JsonBody read(String body, Class<? extends Record> shape) {
        JsonBody parsed = JsonBody.parse(json, body);
        check(parsed.root(), shape, "");
        return parsed;
    }

    /** As {@link #read(String, Class)} for an object already parsed. */
    JsonBody read(JsonNode object, Class<? extends Record> shape) {
        JsonBody parsed = JsonBody.of(object);
        check(parsed.root(), shape, "");
        return parsed;
    }

    /**
     * Checks {@code object} and, depth first, every object inside it that a field declares as a record; {@code prefix}
     * is its path, such as {@code left.}. Values of the wrong kind are left to the reads, which name them.
     */
    private void check(JsonNode object, Class<?> shape, String prefix) {
        Map<String, Class<?>> fields = shapes.computeIfAbsent(shape, s -> WireFields.accepted(json, s));
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            if (!fields.containsKey(name)) throw unknown(prefix, name, fields);
            Class<?> nested = fields.get(name);
            JsonNode value = field.getValue();
            if (nested == null) continue;
            if (value.isObject()) check(value, nested, prefix + name + ".");
            for (int i = 0; value.isArray() && i < value.size(); i++) {
                if (value.get(i).isObject()) check(value.get(i), nested, prefix + name + "[" + i + "].");
            }
        }
    }

    private static ApiException unknown(String prefix, String name, Map<String, Class<?>> fields) {
        String suggestion = Suggestions.closest(name, fields.keySet()).map(s -> "; did you mean '" + prefix + s + "'? ").orElse(". ");
        String accepted = prefix.isEmpty() ? "Accepted: " : "Accepted in " + prefix.substring(0, prefix.length() - 1) + ": ";
        return ApiException.badRequest(prefix + name, "unknown field '" + prefix + name + "'" + suggestion + accepted
                + String.join(", ", fields.keySet()));
    }
}
