package dev.quarry.ingest;

import java.nio.file.Path;

/** A document's id is its path relative to the ingest root, with forward slashes: stable and readable. */
final class DocumentIds {

    private DocumentIds() {
    }

    static String of(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
