package dev.quarry.api;

import dev.quarry.Quarry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collections this server answers from: the live one it ingests into, first, and any others opened read-only
 * beside it (built with another model or chunking) so that the studio can compare them.
 */
final class ServedCollections {

    private final Map<String, Quarry> byName = new LinkedHashMap<>();
    private final String defaultName;

    ServedCollections(Quarry live, List<Quarry> others) {
        defaultName = live.config().collection();
        byName.put(defaultName, live);
        for (Quarry other : others) {
            if (byName.putIfAbsent(other.config().collection(), other) != null) {
                throw new IllegalArgumentException("collection '" + other.config().collection() + "' is served twice");
            }
        }
    }

    String defaultName() {
        return defaultName;
    }

    /** The named collection, the default when {@code name} is null; an unknown name is a 400 on {@code field}. */
    Quarry get(String name, String field) {
        if (name == null) return byName.get(defaultName);
        Quarry quarry = byName.get(name);
        if (quarry == null) throw ApiException.badRequest(field, field + " names no served collection: '" + name + "'; served: " + byName.keySet());
        return quarry;
    }

    List<Summary> summaries() {
        return byName.values().stream().map(q -> {
            var stats = q.index().stats();
            var model = q.embedder().model();
            return new Summary(q.config().collection(), model.id(), model.dimensions(), stats.documents(), stats.chunks(),
                    q.config().collection().equals(defaultName));
        }).toList();
    }

    record Summary(String name, String model, int dimensions, int documents, int chunks, boolean live) {
    }
}
