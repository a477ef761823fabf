package dev.quarry.api;

import dev.quarry.ingest.IngestException;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.ingest.IngestRoots;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code POST /v1/ingest} starts an ingest of a folder under a configured root; {@code GET /v1/ingest/{job}} follows it. */
final class IngestRoutes {

    private final IngestJobs jobs;
    private final IngestRoots roots;
    private final JsonBodies bodies;

    IngestRoutes(IngestJobs jobs, IngestRoots roots, JsonBodies bodies) {
        this.jobs = jobs;
        this.roots = roots;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/ingest", this::start, Access.WRITER);
        routes.get("/v1/ingest", ctx -> ctx.json(new OverviewResponse(roots.roots().stream().map(Object::toString).toList(),
                jobs.all())), Access.WRITER);
        routes.get("/v1/ingest/{job}", this::status, Access.WRITER);
    }

    /** The folders a request may name and the jobs, newest first. */
    record OverviewResponse(List<String> roots, List<IngestJobs.Status> jobs) {
    }

    private void start(Context ctx) {
        String folder = bodies.read(ctx.body(), RequestBodies.Ingest.class).requiredText("folder");
        ctx.attribute(Audit.TARGET, folder);
        IngestRoots.Target target;
        try {
            target = roots.resolve(folder);
        } catch (IngestRoots.OutsideRootsException e) {
            throw ApiException.forbidden("folder", e.getMessage());
        } catch (IngestException e) {
            throw ApiException.badRequest("folder", e.getMessage());
        }
        String id;
        try {
            id = jobs.submit(target.root(), target.folder());
        } catch (IngestException e) {
            throw new ApiException(503, "Service unavailable", e.getMessage(), null);
        }
        ctx.status(202).header("Location", "/v1/ingest/" + id).json(jobs.status(id).orElseThrow());
    }

    private void status(Context ctx) {
        String id = ctx.pathParam("job");
        ctx.json(jobs.status(id).orElseThrow(() -> ApiException.notFound("no ingest job '" + id + "'")));
    }
}
