package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Lease;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /v1/documents/{id}} and {@code GET /v1/chunks/{id}}: what was indexed; {@code GET /v1/documents/{id}/file}:
 * the original file, and {@code /link}: a signed link to it; {@code DELETE /v1/documents/{id}}. Ids may contain
 * slashes, and always end in a file extension, so {@code /file} and {@code /link} cannot be part of one.
 */
final class DocumentRoutes {

    /** How long a delete may wait for the writer before it is answered as accepted. */
    private static final Duration DELETE_WAIT = Duration.ofSeconds(10);

    /** An HTML document is shown as its own origin without scripts: it cannot reach the studio or the API. */
    private static final String HTML_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private final Scope scope;
    private final OriginalFiles originals;
    private final FileLinks links;

    /** Each route reads the collection from the query parameter {@code collection} (default: the caller's default). */
    DocumentRoutes(Scope scope, OriginalFiles originals, FileLinks links) {
        this.scope = scope;
        this.originals = originals;
        this.links = links;
    }

    void register(RoutesConfig routes) {
        // Before the document route, whose id would otherwise swallow "/file".
        routes.get(FileLinks.FILE_ROUTE, this::file, Access.READER);
        routes.get("/v1/documents/<id>/link", this::link, Access.READER);
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
        List<IndexedChunk> chunks;
        try (Lease lease = scope.fromQuery(ctx).lease()) {
            chunks = lease.index().documentChunks(id);
        }
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
        Collection collection = scope.fromQuery(ctx);
        try (Lease lease = collection.lease()) {
            if (lease.index().documentChunks(id).isEmpty()) throw ApiException.notFound("no document with id '" + id + "'");
        }
        // The live index is taken in the writer's turn: a reindex may swap it while the delete waits.
        CompletableFuture<Void> deleted = collection.writes().submit(() -> {
            try (Lease lease = collection.lease()) {
                lease.index().deleteDocument(id);
                lease.index().commit();
            }
            return null;
        });
        try {
            deleted.get(DELETE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ctx.status(204);
        } catch (TimeoutException e) {
            ctx.status(202).json(new DeleteResponse(id, "queued behind the running ingest"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting " + id, e);
        }
    }

    /** A delete that waits behind a running write. */
    record DeleteResponse(String docId, String status) {
    }

    private void file(Context ctx) throws IOException {
        OriginalFiles.Original original;
        try (Lease lease = scope.fromQuery(ctx).lease()) {
            original = originals.find(lease.index(), ctx.pathParam("id"));
        }
        String name = original.file().getFileName().toString().replace("\"", "");
        ctx.contentType(original.format().contentType());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, no-store");
        ctx.header("Content-Disposition", (original.format().inline() ? "inline" : "attachment") + "; filename=\""
                + name.replaceAll("[^\\x20-\\x7E]", "_") + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        if (original.isHtml()) ctx.header("Content-Security-Policy", HTML_POLICY);
        ctx.header("Content-Length", Long.toString(Files.size(original.file())));
        ctx.result(Files.newInputStream(original.file()));
    }

    record LinkResponse(String url, long expires, String contentType) {
    }

    /** A signed link to the original file for a browser tab, which cannot send the key; checked like the file. */
    private void link(Context ctx) {
        String id = ctx.pathParam("id");
        Collection collection = scope.fromQuery(ctx);
        OriginalFiles.Original original;
        try (Lease lease = collection.lease()) {
            original = originals.find(lease.index(), id);
        }
        FileLinks.Link link = links.link(collection.name(), id);
        ctx.json(new LinkResponse(link.url(), link.expires(), original.format().contentType()));
    }

    /**
     * One chunk by its id. An id without a chunk number is refused rather than looked up: it is what arrives when a
     * client sends an old {@code guide.md#3} unescaped (the {@code #3} is a fragment, never sent).
     */
    private void chunk(Context ctx) {
        String id = ctx.pathParam("id");
        ChunkIds.Parts parts = ChunkIds.parse(id).orElseThrow(() -> ApiException.badRequest("id", "'" + id
                + "' is not a chunk id: a chunk id is its document's id, '~' and the chunk's number, such as "
                + ChunkIds.of(id, 3) + " (search hits, documents and citations give them);"
                + " a '#' in a URL starts a fragment, which is never sent"));
        try (Lease lease = scope.fromQuery(ctx).lease()) {
            ChunkIndex index = lease.index();
            IndexedChunk chunk = index.chunk(id).orElseThrow(() -> ApiException.notFound("no chunk with id '" + id + "'"
                    + chunksOf(index, parts.docId())));
            ctx.json(ChunkResponse.of(chunk));
        }
    }

    /** What a missing chunk's document has, so a wrong number can be told from a wrong document. */
    private static String chunksOf(ChunkIndex index, String docId) {
        int count = index.documentChunks(docId).size();
        if (count == 0) return ": no document '" + docId + "'";
        return ": document '" + docId + "' has chunks " + ChunkIds.of(docId, 0) + " to " + ChunkIds.of(docId, count - 1);
    }
}
