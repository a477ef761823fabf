package dev.quarry.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Each tool's input schema, from {@code mcp/TOOL.json}: a property {@code filter} is the shared {@code mcp/filter.json},
 * and {@code deployment} lists the deployments this server has, so a model sees exactly what it may choose.
 */
final class ToolSchemas {

    private final ObjectMapper json;
    private final List<String> deployments;

    ToolSchemas(ObjectMapper json, List<String> deployments) {
        this.json = json;
        this.deployments = List.copyOf(deployments);
    }

    Map<String, Object> of(String tool) {
        ObjectNode schema = read(tool);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        if (properties.has("filter")) properties.set("filter", read("filter"));
        if (properties.has("deployment")) {
            var names = ((ObjectNode) properties.get("deployment")).putArray("enum");
            deployments.forEach(names::add);
        }
        return json.convertValue(schema, json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    private ObjectNode read(String name) {
        try (InputStream in = ToolSchemas.class.getResourceAsStream("/mcp/" + name + ".json")) {
            if (in == null) throw new IllegalStateException("missing resource /mcp/" + name + ".json");
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
