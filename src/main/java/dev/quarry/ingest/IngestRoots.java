package dev.quarry.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Resolves {@code requested}. An absolute folder must lie under a root. A relative one is looked for under every
     * root, and a name that starts with a root's own folder name also means that root (root {@code /x/sample-corpus}
     * and folder {@code sample-corpus}, or {@code sample-corpus/cooking}), so a user can name the folder they see
     * wherever the server was started; exactly one folder must be found. Whatever the spelling, the folder's real path
     * must lie under a root, so {@code ..} and symbolic links cannot reach outside.
     */
    public Target resolve(String requested) {
        if (roots.isEmpty()) throw new OutsideRootsException("no ingest roots are configured (ingest.roots or QUARRY_INGEST_ROOTS)");
        if (requested.indexOf('\0') >= 0) throw new OutsideRootsException("folder is not a valid path");
        Path asked;
        try {
            asked = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new OutsideRootsException("folder is not a valid path: " + e.getMessage());
        }
        Map<Path, Target> found = new LinkedHashMap<>();
        boolean outside = false;
        String notFolder = null;
        for (Path candidate : candidates(asked)) {
            if (!Files.exists(candidate)) {
                // A missing path outside the roots is refused, not reported missing: no answer tells what exists there.
                outside |= roots.stream().noneMatch(candidate.normalize()::startsWith);
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                throw new IngestException("cannot open folder " + requested + ": " + e.getMessage(), e);
            }
            Optional<Path> root = roots.stream().filter(real::startsWith).findFirst();
            if (root.isEmpty()) outside = true;
            else if (!Files.isDirectory(real)) notFolder = requested + " is not a folder";
            else found.putIfAbsent(real, new Target(root.get(), real));
        }
        if (found.size() == 1) return found.values().iterator().next();
        if (found.size() > 1) {
            throw new IngestException("folder " + requested + " is in more than one ingest root: " + found.keySet()
                    + "; give its absolute path");
        }
        if (outside) throw outside(requested);
        if (notFolder != null) throw new IngestException(notFolder);
        throw new IngestException("folder " + requested + " does not exist in any ingest root; the roots are " + roots
                + ": give a folder under one of them, relative to it or absolute");
    }

    /** Where {@code asked} may be: itself when absolute, else under each root, or a root itself by its name. */
    private Set<Path> candidates(Path asked) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (asked.isAbsolute()) {
            candidates.add(asked);
            return candidates;
        }
        for (Path root : roots) candidates.add(root.resolve(asked));
        for (Path root : roots) {
            Path name = root.getFileName();
            if (name == null || asked.getNameCount() == 0 || !asked.getName(0).equals(name)) continue;
            candidates.add(asked.getNameCount() == 1 ? root : root.resolve(asked.subpath(1, asked.getNameCount())));
        }
        return candidates;
    }

    private OutsideRootsException outside(String requested) {
        return new OutsideRootsException("folder " + requested + " is outside the ingest roots " + roots);
    }
}
