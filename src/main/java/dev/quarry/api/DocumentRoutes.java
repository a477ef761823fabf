package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.ingest.WriteQueue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /v1/documents/{id}} and {@code GET /v1/chunks/{id}}: what was indexed; {@code DELETE /v1/documents/{id}}. Ids may contain slashes. */
final class DocumentRoutes {

    private final ChunkIndex index;
    private final WriteQueue writes;

    DocumentRoutes(ChunkIndex index, WriteQueue writes) {
        this.index = index;
        this.writes = writes;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/documents/<id>", this::document, Access.READER);
        routes.delete("/v1/documents/<id>", this::delete, Access.WRITER);
        routes.get("/v1/chunks/<id>", this::chunk, Access.READER);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DocumentResponse(String docId, String path, String title, String type, List<String> tags, long modified,
                            String contentHash, List<ChunkResponse> chunks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChunkResponse(String chunkId, String docId, String path, String title, String section, String text,
                         int start, int end, Integer page) {
        static ChunkResponse of(IndexedChunk c) {
            return new ChunkResponse(c.chunkId(), c.docId(), c.path(), c.title(), c.section(), c.text(), c.start(),
                    c.end(), c.page() > 0 ? c.page() : null);
        }
    }

    private void document(Context ctx) {
        String id = ctx.pathParam("id");
        List<IndexedChunk> chunks = index.documentChunks(id);
        if (chunks.isEmpty()) throw ApiException.notFound("no document with id '" + id + "'");
        IndexedChunk first = chunks.getFirst();
        ctx.json(new DocumentResponse(first.docId(), first.path(), first.title(), first.type(), first.tags(),
                first.modified(), first.contentHash(), chunks.stream().map(ChunkResponse::of).toList()));
    }

    /** Removes a document from the index until its file is ingested again. */
    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.attribute(Audit.TARGET, id);
        // Checked and deleted in the writer's turn, so an ingest running now cannot slip in between.
        boolean deleted = writes.run(() -> {
            if (index.documentChunks(id).isEmpty()) return false;
            index.deleteDocument(id);
            index.commit();
            return true;
        });
        if (!deleted) throw ApiException.notFound("no document with id '" + id + "'");
        ctx.status(204);
    }

    private void chunk(Context ctx) {
        String id = ctx.pathParam("id");
        IndexedChunk chunk = index.chunk(id).orElseThrow(() -> ApiException.notFound("no chunk with id '" + id + "'"));
        ctx.json(ChunkResponse.of(chunk));
    }
}
