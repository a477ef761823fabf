package dev.quarry.api;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Generations;
import dev.quarry.collection.Reindexer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * A collection's index generations: {@code POST …/reindex} rebuilds it with another model or chunking while it
 * serves (a job to poll), {@code GET …/generations} lists the generations on disk, {@code POST …/rollback} makes a
 * kept one live again and {@code DELETE …/generations/{n}} deletes a kept one.
 */
final class GenerationRoutes {

    private final Scope scope;
    private final JsonBodies bodies;

    GenerationRoutes(Scope scope, JsonBodies bodies) {
        this.scope = scope;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/collections/{name}/reindex", this::reindex, Access.ADMIN);
        routes.get("/v1/collections/{name}/reindex", ctx -> ctx.json(new ReindexJobsResponse(
                generations().jobs(collection(ctx).name()))), Access.WRITER);
        routes.get("/v1/collections/{name}/reindex/{job}", ctx -> ctx.json(generations().job(collection(ctx).name(),
                ctx.pathParam("job")).orElseThrow(() -> ApiException.notFound("no reindex job '" + ctx.pathParam("job") + "'"))),
                Access.WRITER);
        routes.get("/v1/collections/{name}/generations", ctx -> ctx.json(new GenerationsResponse(
                generations().list(collection(ctx).name()))), Access.READER);
        routes.post("/v1/collections/{name}/rollback", this::rollback, Access.ADMIN);
        routes.delete("/v1/collections/{name}/generations/{generation}", this::delete, Access.ADMIN);
    }

    record ReindexJobsResponse(List<Reindexer.Status> jobs) {
    }

    record GenerationsResponse(List<Generations.Info> generations) {
    }

    record RolledBack(String collection, int generation, String model, ChunkSettings chunking) {
    }

    private Generations generations() {
        return scope.collections().generations();
    }

    private Collection collection(Context ctx) {
        return scope.one(ctx, ctx.pathParam("name"), "name");
    }

    private void reindex(Context ctx) {
        JsonBody body = bodies.read(orEmpty(ctx.body()), RequestBodies.Reindex.class);
        Collection c = collection(ctx);
        ctx.attribute(Audit.TARGET, c.name());
        ChunkSettings chunking = CollectionRoutes.chunking(body, c.spec().chunking());
        Reindexer.Status started = generations().reindex(c.name(), body.text("model", null), chunking);
        ctx.status(202).header("Location", "/v1/collections/" + c.name() + "/reindex/" + started.id()).json(started);
    }

    private void rollback(Context ctx) {
        JsonBody body = bodies.read(orEmpty(ctx.body()), RequestBodies.Rollback.class);
        Collection c = collection(ctx);
        ctx.attribute(Audit.TARGET, c.name());
        Integer generation = body.has("generation") ? body.integer("generation", 0, 1, Integer.MAX_VALUE) : null;
        int live = generations().rollback(c.name(), generation);
        ctx.json(new RolledBack(c.name(), live, c.embedder().model().id(), c.spec().chunking()));
    }

    private void delete(Context ctx) {
        Collection c = collection(ctx);
        ctx.attribute(Audit.TARGET, c.name());
        String raw = ctx.pathParam("generation");
        int generation;
        try {
            generation = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("generation", "generation must be a generation number such as 2, got '" + raw + "'");
        }
        generations().delete(c.name(), generation);
        ctx.status(204);
    }

    /** Every setting of these bodies is optional, so no body at all means all defaults. */
    private static String orEmpty(String body) {
        return body == null || body.isBlank() ? "{}" : body;
    }
}
