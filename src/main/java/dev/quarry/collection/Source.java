package dev.quarry.collection;

import java.nio.file.Path;

/**
 * A folder a collection is filled from. Its documents' ids start with {@code name/}, so two folders of one collection
 * never collide; the empty name marks the one unnamed source of a collection filled from a single folder before
 * collections had several, whose ids carry no prefix.
 */
public record Source(String name, Path folder) {

    public Source {
        if (!name.isEmpty()) CollectionSpec.checkName(name, "source");
        folder = folder.toAbsolutePath().normalize();
    }

    public boolean unnamed() {
        return name.isEmpty();
    }
}
