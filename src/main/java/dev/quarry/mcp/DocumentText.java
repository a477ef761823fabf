package dev.quarry.mcp;

import dev.quarry.index.IndexedChunk;
import java.util.Comparator;
import java.util.List;

/** A document's text from its chunks, which overlap: each chunk adds what lies past the end of the ones before it. */
final class DocumentText {

    private DocumentText() {
    }

    static String text(List<IndexedChunk> chunks) {
        List<IndexedChunk> ordered = chunks.stream().sorted(Comparator.comparingInt(IndexedChunk::start)).toList();
        StringBuilder text = new StringBuilder();
        int covered = 0;
        for (IndexedChunk c : ordered) {
            boolean exact = c.text().length() == c.end() - c.start();
            if (exact && c.start() < covered) {
                if (c.end() > covered) text.append(c.text(), covered - c.start(), c.text().length());
            } else {
                // A gap between chunks, or a chunk whose text is not a plain slice, starts a paragraph of its own.
                if (!text.isEmpty() && (!exact || c.start() > covered)) text.append("\n\n");
                text.append(c.text());
            }
            covered = Math.max(covered, c.end());
        }
        return text.toString();
    }
}
