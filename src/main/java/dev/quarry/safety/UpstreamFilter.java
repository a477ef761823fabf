package dev.quarry.safety;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Azure OpenAI's content filter results: which categories ({@code hate}, {@code sexual}, {@code violence},
 * {@code self_harm}, {@code jailbreak}, {@code protected_material_text}…, and custom blocklists by id) were filtered.
 */
public final class UpstreamFilter {

    private UpstreamFilter() {
    }

    /** The filtered categories of a {@code content_filter_results} object; empty for null or a missing node. */
    public static List<String> categories(JsonNode results) {
        List<String> out = new ArrayList<>();
        if (results == null || !results.isObject()) return out;
        for (Map.Entry<String, JsonNode> e : results.properties()) {
            JsonNode value = e.getValue();
            if (e.getKey().equals("custom_blocklists")) {
                // Either a list of {id, filtered} or {filtered, details: [{id, filtered}]}, by API version.
                JsonNode lists = value.isArray() ? value : value.path("details");
                for (JsonNode list : lists) {
                    if (list.path("filtered").asBoolean(false)) out.add("custom_blocklists:" + list.path("id").asText());
                }
            } else if (value.path("filtered").asBoolean(false)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The filtered categories of an error body that Azure sent with code {@code content_filter}: under
     * {@code innererror.content_filter_result} (or {@code …_results}), with or without the {@code error} wrapper.
     */
    public static List<String> errorCategories(JsonNode body) {
        JsonNode error = body.has("error") ? body.path("error") : body;
        JsonNode inner = error.path("innererror");
        JsonNode results = inner.has("content_filter_result") ? inner.path("content_filter_result") : inner.path("content_filter_results");
        return categories(results);
    }
}
