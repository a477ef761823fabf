package dev.quarry.ingest;

import dev.quarry.chunk.Chunk;
import dev.quarry.embed.Embedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.text.ParsedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds chunked documents in batches and writes each document's chunks to the index as one block. The embedder
 * runs texts of similar length together among those it is given, so a larger batch here pads less.
 */
public final class DocumentWriter {

    /**
     * A document ready to embed: its id, parsed form, chunks and the hash and time of its source; {@code chunkTags}
     * holds each chunk's own tags beyond the document's (the safety policy's), in the order of {@code chunks}.
     */
    public record Pending(String docId, ParsedDocument parsed, List<Chunk> chunks, String contentHash, long modified,
                          List<List<String>> chunkTags) {

        public Pending {
            chunkTags = List.copyOf(chunkTags);
            if (chunkTags.size() != chunks.size()) throw new IllegalArgumentException("one tag list per chunk");
        }

        public Pending(String docId, ParsedDocument parsed, List<Chunk> chunks, String contentHash, long modified) {
            this(docId, parsed, chunks, contentHash, modified, chunks.stream().map(c -> List.<String>of()).toList());
        }
    }

    private final ChunkIndex index;
    private final Embedder embedder;
    private final int batchChunks;
    private final List<Pending> pending = new ArrayList<>();
    private int pendingChunks;

    public DocumentWriter(ChunkIndex index, Embedder embedder, int batchChunks) {
        this.index = index;
        this.embedder = embedder;
        this.batchChunks = batchChunks;
    }

    /** Queues a document; returns the documents written by the batch this one completed (often none). */
    public List<Pending> add(Pending doc) {
        pending.add(doc);
        pendingChunks += doc.chunks().size();
        return pendingChunks >= batchChunks ? flush() : List.of();
    }

    /** Embeds and writes everything queued; returns the documents written. */
    public List<Pending> flush() {
        if (pending.isEmpty()) return List.of();
        List<Chunk> all = new ArrayList<>(pendingChunks);
        pending.forEach(d -> all.addAll(d.chunks()));
        // The embedder batches texts of similar length together, whatever their order here.
        float[][] vectors = embedder.embedPassages(all.stream().map(Chunk::embedText).toList());
        int at = 0;
        for (Pending doc : pending) {
            List<IndexedChunk> chunks = new ArrayList<>(doc.chunks().size());
            for (int i = 0; i < doc.chunks().size(); i++) chunks.add(toIndexed(doc, i, vectors[at++]));
            index.replaceDocument(doc.docId(), chunks);
        }
        List<Pending> written = List.copyOf(pending);
        pending.clear();
        pendingChunks = 0;
        return written;
    }

    private static IndexedChunk toIndexed(Pending doc, int i, float[] vector) {
        Chunk c = doc.chunks().get(i);
        List<String> tags = doc.parsed().tags();
        if (!doc.chunkTags().get(i).isEmpty()) {
            tags = new ArrayList<>(tags);
            tags.addAll(doc.chunkTags().get(i));
        }
        return new IndexedChunk(IndexedChunk.chunkId(doc.docId(), c.ordinal()), doc.docId(), doc.docId(),
                doc.parsed().title(), c.section(), c.text(), c.start(), c.end(), c.page(), doc.contentHash(), doc.modified(),
                doc.parsed().type(), tags, vector);
    }
}
