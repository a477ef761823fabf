package dev.quarry.index;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an index was built with, kept in its commit: vectors are only comparable with vectors of the same model
 * and schema, and chunks only consistent under the same chunker settings.
 */
public record IndexManifest(int schemaVersion, String modelId, int dimensions, String pooling, String queryPrefix,
                            String passagePrefix, int modelMaxTokens, int chunkMaxTokens, int chunkOverlapTokens,
                            boolean headingContext) {

    public static final int SCHEMA_VERSION = 1;

    public static IndexManifest of(ModelInfo model, ChunkSettings chunking) {
        return new IndexManifest(SCHEMA_VERSION, model.id(), model.dimensions(), model.pooling().name(),
                model.queryPrefix(), model.passagePrefix(), model.maxTokens(), chunking.maxTokens(),
                chunking.overlapTokens(), chunking.headingContext());
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("quarry.schema", Integer.toString(schemaVersion));
        m.put("quarry.model.id", modelId);
        m.put("quarry.model.dimensions", Integer.toString(dimensions));
        m.put("quarry.model.pooling", pooling);
        m.put("quarry.model.queryPrefix", queryPrefix);
        m.put("quarry.model.passagePrefix", passagePrefix);
        m.put("quarry.model.maxTokens", Integer.toString(modelMaxTokens));
        m.put("quarry.chunk.maxTokens", Integer.toString(chunkMaxTokens));
        m.put("quarry.chunk.overlapTokens", Integer.toString(chunkOverlapTokens));
        m.put("quarry.chunk.headingContext", Boolean.toString(headingContext));
        return m;
    }

    /** The manifest stored in a commit, or null when the commit has none (an empty or foreign index). */
    public static IndexManifest fromMap(Map<String, String> m) {
        if (!m.containsKey("quarry.schema")) return null;
        return new IndexManifest(Integer.parseInt(m.get("quarry.schema")), m.get("quarry.model.id"),
                Integer.parseInt(m.get("quarry.model.dimensions")), m.get("quarry.model.pooling"),
                m.getOrDefault("quarry.model.queryPrefix", ""), m.getOrDefault("quarry.model.passagePrefix", ""),
                Integer.parseInt(m.get("quarry.model.maxTokens")), Integer.parseInt(m.get("quarry.chunk.maxTokens")),
                Integer.parseInt(m.get("quarry.chunk.overlapTokens")),
                Boolean.parseBoolean(m.get("quarry.chunk.headingContext")));
    }

    /** Each setting in which {@code configured} differs from this manifest, as "name: indexed → configured". */
    public List<String> differences(IndexManifest configured) {
        Map<String, String> mine = toMap();
        Map<String, String> theirs = configured.toMap();
        List<String> out = new ArrayList<>();
        mine.forEach((key, value) -> {
            if (!Objects.equals(value, theirs.get(key))) {
                out.add(key.substring("quarry.".length()) + ": '" + value + "' in the index, '" + theirs.get(key)
                        + "' configured");
            }
        });
        return out;
    }
}
