package dev.quarry.index;

/** Sizes of an index: documents (files), chunks, bytes on disk. */
public record IndexStats(int documents, int chunks, long bytes) {
}
