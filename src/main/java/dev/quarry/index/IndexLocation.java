package dev.quarry.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a collection's index lives: {@code <data>/<collection>/index-N}, with the file {@code CURRENT} naming the
 * live generation. A rebuild fills the next generation and then swaps {@code CURRENT} in one atomic rename, so a
 * crash during a rebuild leaves the old index serving. A reindex keeps the generation it replaces, and the file
 * {@code PREVIOUS} names it, so that a rollback can swap back to it; while it builds, {@code BUILDING} names the new one,
 * so a generation left half-built by a crash is never taken for a complete one.
 */
public final class IndexLocation {

    private static final String CURRENT = "CURRENT";
    private static final String PREVIOUS = "PREVIOUS";
    private static final String BUILDING = "BUILDING";
    private static final String PREFIX = "index-";

    private final Path folder;

    public IndexLocation(Path dataDir, String collection) {
        this.folder = dataDir.resolve(collection);
    }

    public Path current() {
        return folder.resolve("index-" + currentGeneration());
    }

    /** The folder of generation {@code number}, whether or not it exists. */
    public Path generation(int number) {
        return folder.resolve(PREFIX + number);
    }

    /** The number of a generation's folder. */
    public static int number(Path generation) {
        return Integer.parseInt(generation.getFileName().toString().substring(PREFIX.length()));
    }

    /**
     * A fresh folder for a rebuild, not yet live: numbered past every generation on disk, so a generation kept for
     * rollback (which may be numbered above the live one after a rollback) is never overwritten.
     */
    public Path next() {
        building().ifPresent(IndexLocation::deleteTree);
        int highest = Math.max(currentGeneration(), generations().stream().mapToInt(IndexLocation::number).max().orElse(0));
        Path next = generation(highest + 1);
        deleteTree(next);
        return next;
    }

    /** A fresh folder for a generation built while another serves, marked unfinished until it is switched to. */
    public Path nextUnfinished() {
        Path next = next();
        write(BUILDING, number(next));
        return next;
    }

    /** The generation being built (or left half-built by a crash), if any. */
    public Optional<Path> building() {
        Path pointer = folder.resolve(BUILDING);
        return Files.exists(pointer) ? Optional.of(generation(read(pointer))) : Optional.empty();
    }

    /** Makes {@code generation} the live index and deletes the one it replaces. */
    public void promote(Path generation) {
        Path old = switchTo(generation);
        if (!old.equals(generation)) deleteTree(old);
    }

    /**
     * Makes {@code generation} the live index and keeps the one it replaces, which {@code PREVIOUS} then names;
     * returns that one. {@code CURRENT} is written last, so a crash between the two leaves the old index live.
     */
    public Path switchTo(Path generation) {
        Path old = current();
        write(PREVIOUS, number(old));
        write(CURRENT, number(generation));
        if (building().filter(generation::equals).isPresent()) clearBuilding();
        return old;
    }

    /** The generation that was live before the last switch, while it is still on disk and not live again. */
    public Optional<Path> previous() {
        Path pointer = folder.resolve(PREVIOUS);
        if (!Files.exists(pointer)) return Optional.empty();
        Path previous = generation(read(pointer));
        return Files.isDirectory(previous) && !previous.equals(current()) ? Optional.of(previous) : Optional.empty();
    }

    /** Every generation on disk, the live one included, by number. */
    public List<Path> generations() {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches(PREFIX + "[0-9]+"))
                    .sorted(Comparator.comparingInt(IndexLocation::number)).toList();
        } catch (IOException e) {
            throw new IndexException("cannot list the index generations in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a generation that is not live (the caller has closed it). */
    public void delete(Path generation) {
        if (generation.equals(current())) throw new IndexException("generation " + number(generation) + " is live and cannot be deleted");
        deleteTree(generation);
        if (building().filter(generation::equals).isPresent()) clearBuilding();
    }

    private void clearBuilding() {
        try {
            Files.deleteIfExists(folder.resolve(BUILDING));
        } catch (IOException e) {
            throw new IndexException("cannot clear " + folder.resolve(BUILDING) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the collection's whole folder: every index generation and what lies beside them. */
    public void deleteAll() {
        deleteTree(folder);
    }

    private int currentGeneration() {
        Path pointer = folder.resolve(CURRENT);
        return Files.exists(pointer) ? read(pointer) : 1;
    }

    private static int read(Path pointer) {
        try {
            return Integer.parseInt(Files.readString(pointer, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IndexException("cannot read " + pointer + " (it names an index generation): " + e.getMessage(), e);
        }
    }

    /** Written to a temporary file and renamed over the old one, so a crash leaves one or the other whole. */
    private void write(String pointer, int generation) {
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(pointer + ".tmp");
            Files.writeString(tmp, Integer.toString(generation), StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve(pointer), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IndexException("cannot switch " + folder + " to index generation " + generation + ": " + e.getMessage(), e);
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
