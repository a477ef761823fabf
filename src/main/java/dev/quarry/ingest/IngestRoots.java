package dev.quarry.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders the API may ingest from. A requested folder is resolved to its real path (following every symbolic
 * link and {@code ..}) before it is compared, so no spelling of a path can reach outside a root.
 */
public final class IngestRoots {

    /** The request names a folder outside every configured root. */
    public static final class OutsideRootsException extends RuntimeException {
        OutsideRootsException(String message) {
            super(message);
        }
    }

    /** A folder to ingest and the root its document ids are relative to. */
    public record Target(Path root, Path folder) {
    }

    private final List<Path> roots;

    public IngestRoots(List<Path> configured) {
        List<Path> real = new ArrayList<>();
        for (Path root : configured) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                throw new IngestException("ingest root " + root + " does not exist or cannot be read", e);
            }
        }
        this.roots = List.copyOf(real);
    }

    public List<Path> roots() {
        return roots;
    }

    /** Resolves {@code requested}: absolute, or relative to the first root. */
    public Target resolve(String requested) {
        if (roots.isEmpty()) throw new OutsideRootsException("no ingest roots are configured (ingest.roots or QUARRY_INGEST_ROOTS)");
        if (requested.indexOf('\0') >= 0) throw new OutsideRootsException("folder is not a valid path");
        Path asked = Path.of(requested);
        Path candidate = asked.isAbsolute() ? asked : roots.getFirst().resolve(asked);
        if (!Files.exists(candidate)) {
            // Compare the lexical form first, so a missing path outside the roots is refused, not reported missing.
            Path normal = candidate.normalize();
            if (roots.stream().noneMatch(normal::startsWith)) throw outside(requested);
            throw new IngestException("folder " + requested + " does not exist");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new IngestException("cannot open folder " + requested + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real)) throw new IngestException(requested + " is not a folder");
        for (Path root : roots) if (real.startsWith(root)) return new Target(root, real);
        throw outside(requested);
    }

    private OutsideRootsException outside(String requested) {
        return new OutsideRootsException("folder " + requested + " is outside the ingest roots " + roots);
    }
}
