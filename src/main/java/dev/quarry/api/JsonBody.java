package dev.quarry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.error.Choices;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.TuningChoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Typed reads from a JSON request body, each failure a 400 that names the field; {@link JsonBodies} makes one. */
final class JsonBody {

    private final JsonNode root;
    /** The path of this object in the body, so nested fields are reported as {@code filter.pathPrefix}. */
    private final String prefix;

    private JsonBody(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    static JsonBody parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) throw ApiException.badRequest("body", "the request body must be a JSON object");
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) throw ApiException.badRequest("body", "the request body must be a JSON object");
            return new JsonBody(node, "");
        } catch (JsonProcessingException e) {
            // Limits such as the nesting depth are reported without a location.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiException.badRequest("body", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** An object already parsed, such as the arguments of an MCP tool call. */
    static JsonBody of(JsonNode object) {
        if (object == null || !object.isObject()) throw ApiException.badRequest("body", "the arguments must be a JSON object");
        return new JsonBody(object, "");
    }

    /** The object this reads from, for the unknown-field check. */
    JsonNode root() {
        return root;
    }

    JsonBody object(String field) {
        JsonNode node = node(field);
        if (node == null) return new JsonBody(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), name(field) + ".");
        if (!node.isObject()) throw bad(field, "must be an object");
        return new JsonBody(node, name(field) + ".");
    }

    String requiredText(String field) {
        String text = text(field, null);
        if (text == null) throw bad(field, "is required");
        if (text.isBlank()) throw bad(field, "must not be empty");
        return text;
    }

    String text(String field, String fallback) {
        JsonNode node = node(field);
        if (node == null) return fallback;
        if (!node.isTextual()) throw bad(field, "must be a string");
        String text = node.asText();
        if (hasLoneSurrogate(text)) throw bad(field, "must be valid Unicode text (it holds an unpaired surrogate such as \\ud800)");
        return text;
    }

    /** JSON's {@code \\uD800} escapes can spell UTF-16 halves that no file name, log or UTF-8 text can hold. */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** One of an enum's constants, named in any case. */
    <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
        String text = text(field, null);
        if (text == null) return fallback;
        return Choices.parse(type, text, problem -> bad(field, problem));
    }

    /** {@code tuning}: {@code active} (the default), {@code none}, or a profile's version as a number or text. */
    TuningChoice tuning() {
        JsonNode node = node("tuning");
        if (node == null) return TuningChoice.ACTIVE;
        if (!node.isIntegralNumber() && !node.isTextual()) throw bad("tuning", "must be active, none or a profile version");
        try {
            return TuningChoice.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw bad("tuning", e.getMessage());
        }
    }

    int integer(String field, int fallback, int min, int max) {
        JsonNode node = node(field);
        if (node == null) return fallback;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(field, "must be a whole number");
        }
        int value = node.asInt();
        if (value < min || value > max) throw bad(field, "must be in " + min + ".." + max + ", got " + value);
        return value;
    }

    Double number(String field, double min, double max) {
        JsonNode node = node(field);
        if (node == null) return null;
        if (!node.isNumber()) throw bad(field, "must be a number");
        double value = node.asDouble();
        if (value < min || value > max) throw bad(field, "must be in " + min + ".." + max + ", got " + value);
        return value;
    }

    boolean has(String field) {
        return node(field) != null;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode node = node(field);
        if (node == null) return fallback;
        if (!node.isBoolean()) throw bad(field, "must be true or false");
        return node.asBoolean();
    }

    /** A time as epoch milliseconds, from a whole number or ISO-8601 text (see {@link FilterValues#time}). */
    Long time(String field, boolean endOfDay) {
        JsonNode node = node(field);
        if (node == null) return null;
        if (node.isTextual()) return FilterValues.time(name(field), node.asText(), endOfDay);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw bad(field, "must be " + FilterValues.TIME_FORMS);
        return node.asLong();
    }

    List<String> texts(String field) {
        JsonNode node = node(field);
        if (node == null) return List.of();
        if (!node.isArray()) throw bad(field, "must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) throw bad(field, "must be an array of strings");
            if (hasLoneSurrogate(item.asText())) throw bad(field, "must be valid Unicode text (it holds an unpaired surrogate)");
            out.add(item.asText());
        }
        return out;
    }

    /** The field's full name in the body, such as {@code left.fusion.method}. */
    String name(String field) {
        return prefix + field;
    }

    private ApiException bad(String field, String problem) {
        return ApiException.badRequest(name(field), name(field) + " " + problem);
    }

    /** The {@code filter} object of a search or chat request, its values turned into what the index stores. */
    ChunkFilter filter() {
        JsonBody filter = object("filter");
        Long from = filter.time("modifiedFrom", false);
        Long to = filter.time("modifiedTo", true);
        if (from != null && to != null && from > to) {
            throw filter.bad("modifiedTo", "is before " + filter.name("modifiedFrom") + ": nothing can match ("
                    + Instant.ofEpochMilli(to) + " < " + Instant.ofEpochMilli(from) + ")");
        }
        return new ChunkFilter(filter.text("pathPrefix", null), FilterValues.types(filter.name("types"), filter.texts("types")),
                filter.texts("tags"), from, to);
    }

    /** An array of objects, each readable with field names like {@code messages[2].role}. */
    List<JsonBody> objects(String field) {
        JsonNode node = node(field);
        if (node == null) return List.of();
        if (!node.isArray()) throw bad(field, "must be an array of objects");
        List<JsonBody> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) throw ApiException.badRequest(name(field) + "[" + i + "]", name(field) + "[" + i + "] must be an object");
            out.add(new JsonBody(node.get(i), name(field) + "[" + i + "]."));
        }
        return out;
    }

    /** The field's node, or null when absent or JSON null. */
    private JsonNode node(String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
