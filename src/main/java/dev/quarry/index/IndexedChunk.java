package dev.quarry.index;

import java.util.List;

/**
 * One chunk as the index holds it. {@code start}/{@code end} are offsets into the document's extracted text;
 * {@code page} is 0 where the format has no pages; {@code vector} is null when it was not asked for.
 */
public record IndexedChunk(String chunkId, String docId, String path, String title, String section, String text,
                           int start, int end, int page, String contentHash, long modified, String type,
                           List<String> tags, float[] vector) {

    public IndexedChunk {
        tags = List.copyOf(tags);
    }

    /** See {@link ChunkIds}. */
    public static String chunkId(String docId, int ordinal) {
        return ChunkIds.of(docId, ordinal);
    }

    public IndexedChunk withoutVector() {
        return new IndexedChunk(chunkId, docId, path, title, section, text, start, end, page, contentHash, modified,
                type, tags, null);
    }
}
