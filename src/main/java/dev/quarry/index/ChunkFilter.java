package dev.quarry.index;

import java.util.List;

/**
 * Restricts a search to some chunks; applied inside the engine's search (pre-filtering), so k hits come back
 * even when few chunks match. Null or empty parts do not restrict.
 */
public record ChunkFilter(String pathPrefix, List<String> types, List<String> tags, Long modifiedFrom,
                          Long modifiedTo) {

    public static final ChunkFilter NONE = new ChunkFilter(null, List.of(), List.of(), null, null);

    public ChunkFilter {
        types = types == null ? List.of() : List.copyOf(types);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (pathPrefix != null && pathPrefix.isEmpty()) pathPrefix = null;
    }

    public static ChunkFilter pathPrefix(String prefix) {
        return new ChunkFilter(prefix, List.of(), List.of(), null, null);
    }

    public boolean isEmpty() {
        return pathPrefix == null && types.isEmpty() && tags.isEmpty() && modifiedFrom == null && modifiedTo == null;
    }
}
