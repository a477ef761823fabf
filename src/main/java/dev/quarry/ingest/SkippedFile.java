package dev.quarry.ingest;

/** A file that an ingest did not index, and why. */
public record SkippedFile(String path, String reason) {
}
