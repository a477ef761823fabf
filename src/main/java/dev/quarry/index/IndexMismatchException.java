package dev.quarry.index;

import dev.quarry.error.QuarryException;
import java.nio.file.Path;
import java.util.List;

/** The index on disk was built with another model, schema or chunking than the configuration asks for. */
public final class IndexMismatchException extends QuarryException {
    public IndexMismatchException(Path dir, List<String> differences) {
        this("the index at " + dir, differences, "run `quarry ingest --rebuild <folder>` to build a new index with the"
                + " configured settings (it replaces the old one when complete), or change the configuration back");
    }

    /** {@code index} names the index, {@code remedy} says what to do about it. */
    public IndexMismatchException(String index, List<String> differences, String remedy) {
        super(Kind.CONFLICT, null, index + " was built with other settings (" + String.join("; ", differences)
                + "). Mixing them would silently corrupt results: " + remedy + ".");
    }
}
