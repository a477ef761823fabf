package dev.quarry.chat;

import dev.quarry.index.IndexedChunk;

/** Builds citations from chunks. */
final class Citations {

    private static final int SNIPPET_CHARS = 240;

    private Citations() {
    }

    /** A citation of {@code chunk}, pointing at characters {@code start..end} of its text, or all of it (-1). */
    static Citation of(int n, IndexedChunk chunk, int start, int end) {
        String text = chunk.text();
        String snippet = start >= 0 && end <= text.length() && end > start ? text.substring(start, end)
                : text.substring(0, Math.min(SNIPPET_CHARS, text.length()));
        int docStart = chunk.start() + Math.max(0, start);
        int docEnd = end > start ? chunk.start() + end : chunk.end();
        return new Citation(n, null, chunk.chunkId(), chunk.docId(), chunk.path(), chunk.title(), chunk.section(),
                chunk.page() > 0 ? chunk.page() : null, docStart, docEnd, snippet);
    }
}
