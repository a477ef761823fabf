package dev.quarry.ingest;

import dev.quarry.chunk.Chunk;
import dev.quarry.ingest.parse.ParsedDocument;
import java.util.List;

/** A file parsed and chunked, waiting for its vectors. */
record PreparedDocument(String docId, boolean isNew, ParsedDocument parsed, List<Chunk> chunks, String contentHash,
                        long modified) {
}
