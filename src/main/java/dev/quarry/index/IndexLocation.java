package dev.quarry.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a collection's index lives: {@code <data>/<collection>/index-N}, with the file {@code CURRENT} naming the
 * live generation. A rebuild fills the next generation and then swaps {@code CURRENT} in one atomic rename, so a
 * crash during a rebuild leaves the old index serving.
 */
public final class IndexLocation {

    private static final String CURRENT = "CURRENT";

    private final Path folder;

    public IndexLocation(Path dataDir, String collection) {
        this.folder = dataDir.resolve(collection);
    }

    public Path current() {
        return folder.resolve("index-" + currentGeneration());
    }

    /** A fresh folder for a rebuild, not yet live. */
    public Path next() {
        Path next = folder.resolve("index-" + (currentGeneration() + 1));
        deleteTree(next);
        return next;
    }

    /** Makes {@code generation} the live index and deletes the one it replaces. */
    public void promote(Path generation) {
        Path old = current();
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(CURRENT + ".tmp");
            Files.writeString(tmp, generation.getFileName().toString().substring("index-".length()), StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IndexException("cannot switch to the rebuilt index " + generation + ": " + e.getMessage(), e);
        }
        if (!old.equals(generation)) deleteTree(old);
    }

    /** Deletes the collection's whole folder: every index generation and what lies beside them. */
    public void deleteAll() {
        deleteTree(folder);
    }

    private int currentGeneration() {
        Path pointer = folder.resolve(CURRENT);
        if (!Files.exists(pointer)) return 1;
        try {
            return Integer.parseInt(Files.readString(pointer, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IndexException("cannot read " + pointer + " (it names the live index): " + e.getMessage(), e);
        }
    }

    /** Deletes a folder and all it holds; nothing when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IndexException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
