package dev.quarry.index;

import dev.quarry.error.QuarryException;
import java.nio.file.Path;
import java.util.List;

/** The index on disk was built with another model, schema or chunking than the configuration asks for. */
public final class IndexMismatchException extends QuarryException {
    public IndexMismatchException(Path dir, List<String> differences) {
        super(Kind.CONFLICT, null, "the index at " + dir + " was built with other settings (" + String.join("; ", differences)
                + "). Mixing them would silently corrupt results: run `quarry ingest --rebuild <folder>` to build a"
                + " new index with the configured settings (it replaces the old one when complete), or change the"
                + " configuration back.");
    }
}
