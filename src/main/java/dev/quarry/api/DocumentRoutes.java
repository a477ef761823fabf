package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.ingest.WriteQueue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code GET /v1/documents/{id}} and {@code GET /v1/chunks/{id}}: what was indexed; {@code DELETE /v1/documents/{id}}. Ids may contain slashes. */
final class DocumentRoutes {

    /** How long a delete may wait for the writer before it is answered as accepted. */
    private static final Duration DELETE_WAIT = Duration.ofSeconds(10);

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

    /**
     * Removes a document from the index until its file is ingested again. The delete runs in the writer's turn, so it
     * never interleaves with an ingest; behind a long ingest it is accepted (202) and done when that ingest ends.
     */
    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.attribute(Audit.TARGET, id);
        if (index.documentChunks(id).isEmpty()) throw ApiException.notFound("no document with id '" + id + "'");
        CompletableFuture<Void> deleted = writes.submit(() -> {
            index.deleteDocument(id);
            index.commit();
            return null;
        });
        try {
            deleted.get(DELETE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ctx.status(204);
        } catch (TimeoutException e) {
            ctx.status(202).json(Map.of("docId", id, "status", "queued behind the running ingest"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting " + id, e);
        }
    }

    private void chunk(Context ctx) {
        String id = ctx.pathParam("id");
        IndexedChunk chunk = index.chunk(id).orElseThrow(() -> ApiException.notFound("no chunk with id '" + id + "'"));
        ctx.json(ChunkResponse.of(chunk));
    }
}
