package dev.quarry.ingest;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A document's id is its path relative to its source folder, with forward slashes, prefixed by the source's name
 * when the source has one ({@code wiki/setup/install.md}): stable, readable, and never the same for two folders of
 * one index.
 */
final class DocumentIds {

    private final String prefix;
    private final Path root;
    /** The other named sources of the index: the unnamed source must not take ids in their space. */
    private final Set<String> others;
    private final boolean unnamed;

    DocumentIds(String source, Path root, Set<String> sources) {
        this.unnamed = source.isEmpty();
        this.prefix = unnamed ? "" : source + "/";
        this.root = root;
        this.others = sources.stream().filter(s -> !s.isEmpty() && !s.equals(source)).collect(Collectors.toSet());
    }

    String of(Path file) {
        return prefix + relative(root, file);
    }

    /** {@code file}'s path under {@code root}, with forward slashes. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Whether the indexed document {@code id} belongs to this source, under {@code folder}. */
    boolean owns(String id, Path folder) {
        String under = folder.equals(root) ? prefix : of(folder) + "/";
        return id.startsWith(under) && otherSourceOwning(id) == null;
    }

    /** The named source whose id space {@code id} falls in, when that is not this source; null otherwise. */
    String otherSourceOwning(String id) {
        if (!unnamed) return null;
        int slash = id.indexOf('/');
        return slash > 0 && others.contains(id.substring(0, slash)) ? id.substring(0, slash) : null;
    }
}
