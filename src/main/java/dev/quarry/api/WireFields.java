package dev.quarry.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON property names of a wire record as Jackson reads and writes it (so {@code @JsonProperty} renames and
 * {@code @JsonIgnore} count), in declaration order, each with the record it holds when it is an object or a list of
 * objects. One answer serves the unknown-field check of request bodies and the test that holds openapi.json to the
 * records.
 */
final class WireFields {

    private WireFields() {
    }

    /**
     * The properties a request record accepts: name to the record type it nests (itself or as list items), or to
     * null for a plain value.
     */
    static Map<String, Class<?>> accepted(ObjectMapper json, Class<?> type) {
        return fields(json.getDeserializationConfig().introspect(json.constructType(type)).findProperties());
    }

    /** The properties a response record is written with, as {@link #accepted}. */
    static Map<String, Class<?>> written(ObjectMapper json, Class<?> type) {
        return fields(json.getSerializationConfig().introspect(json.constructType(type)).findProperties());
    }

    private static Map<String, Class<?>> fields(List<BeanPropertyDefinition> properties) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : properties) fields.put(p.getName(), nestedRecord(p.getPrimaryType()));
        return Collections.unmodifiableMap(fields);
    }

    private static Class<?> nestedRecord(JavaType type) {
        JavaType element = type.isCollectionLikeType() || type.isArrayType() ? type.getContentType() : type;
        return element != null && element.getRawClass().isRecord() ? element.getRawClass() : null;
    }
}
