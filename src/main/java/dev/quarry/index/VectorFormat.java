package dev.quarry.index;

/**
 * How the HNSW index keeps a collection's vectors: {@code FLOAT} as they are, or {@code INT7} quantized to 7 bits
 * per dimension for the graph, with the full-precision vectors kept beside them to rescore the candidates.
 * It is not part of the {@link IndexManifest}: both hold the same model's vectors, and Lucene records each segment's
 * format, so an index whose setting changed reads and searches its older segments as they are and writes new ones
 * (and merges) in the new format; a rebuild converts all of it.
 */
public enum VectorFormat { FLOAT, INT7 }
