package dev.quarry.api;

import dev.quarry.collection.Collection;
import dev.quarry.collection.Source;
import dev.quarry.ingest.IngestException;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.ingest.IngestRoots;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code POST /v1/ingest} starts an ingest of a folder under a configured root; {@code GET /v1/ingest/{job}} follows it. */
final class IngestRoutes {

    private final Scope scope;
    private final IngestRoots roots;
    private final JsonBodies bodies;

    IngestRoutes(Scope scope, IngestRoots roots, JsonBodies bodies) {
        this.scope = scope;
        this.roots = roots;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/ingest", this::start, Access.WRITER);
        routes.get("/v1/ingest", ctx -> ctx.json(new OverviewResponse(roots.roots().stream().map(Object::toString).toList(),
                scope.visible(ctx).stream().flatMap(c -> c.ingestJobs().all().stream()).toList())), Access.WRITER);
        routes.get("/v1/ingest/{job}", this::status, Access.WRITER);
    }

    /** The folders a request may name and the jobs, newest first. */
    record OverviewResponse(List<String> roots, List<IngestJobs.Status> jobs) {
    }

    private void start(Context ctx) {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Ingest.class);
        String folder = body.requiredText("folder");
        Collection collection = scope.one(ctx, body.text("collection", null), "collection");
        String sourceName = body.text("source", null);
        ctx.attribute(Audit.TARGET, collection.name() + ":" + folder);
        IngestRoots.Target target = target(roots, folder, "folder");
        // The default collection's one folder keeps its ids relative to the ingest root, as before collections.
        Source source = collection.spec().sources().isEmpty() && sourceName == null && collection.name().equals(
                scope.collections().defaultName()) ? collection.sourceFor(target.root(), null)
                : collection.sourceFor(target.folder(), sourceName);
        if (!target.folder().startsWith(source.folder())) {
            throw ApiException.badRequest("folder", "folder " + folder + " is not inside the folder of source '"
                    + source.name() + "' (" + source.folder() + ")");
        }
        // Over the collection's disk limit: a 507 before anything is queued or written.
        collection.admitIngest(source, target.folder());
        // A writer that is stopping refuses with an IngestException of kind UNAVAILABLE: a 503.
        String id = collection.ingestJobs().submit(source.name(), source.folder(), target.folder());
        ctx.status(202).header("Location", "/v1/ingest/" + id).json(collection.ingestJobs().status(id).orElseThrow());
    }

    /** The folder a request names, inside an ingest root: outside is a 403, missing a 400, both on {@code field}. */
    static IngestRoots.Target target(IngestRoots roots, String folder, String field) {
        try {
            return roots.resolve(folder);
        } catch (IngestRoots.OutsideRootsException e) {
            throw ApiException.forbidden(field, e.getMessage());
        } catch (IngestException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
    }

    private void status(Context ctx) {
        String id = ctx.pathParam("job");
        ctx.json(scope.visible(ctx).stream().flatMap(c -> c.ingestJobs().status(id).stream()).findFirst()
                .orElseThrow(() -> ApiException.notFound("no ingest job '" + id + "'")));
    }
}
