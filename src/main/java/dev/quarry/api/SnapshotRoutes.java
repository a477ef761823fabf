package dev.quarry.api;

import dev.quarry.collection.Collection;
import dev.quarry.collection.Snapshot;
import dev.quarry.collection.Snapshots;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A collection's snapshots: {@code POST …/snapshots} takes one while the collection serves and ingests, {@code GET}
 * lists them, {@code …/{id}/download} streams one as a tar with its checksum manifest, {@code DELETE} removes one, and
 * {@code …/{id}/restore} restores one into a new collection, or replaces the collection with it in one swap. All admin.
 */
final class SnapshotRoutes {

    private static final String BASE = "/v1/collections/{name}/snapshots";

    private final Scope scope;
    private final JsonBodies bodies;

    SnapshotRoutes(Scope scope, JsonBodies bodies) {
        this.scope = scope;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post(BASE, this::create, Access.ADMIN);
        routes.get(BASE, ctx -> {
            Collection c = collection(ctx);
            ctx.json(new SnapshotsResponse(c.name(), c.snapshots().list().reversed().stream().map(SnapshotResponse::of).toList()));
        }, Access.ADMIN);
        routes.get(BASE + "/{id}", ctx -> ctx.json(SnapshotResponse.of(collection(ctx).snapshots().get(ctx.pathParam("id")))),
                Access.ADMIN);
        routes.get(BASE + "/{id}/download", this::download, Access.ADMIN);
        routes.delete(BASE + "/{id}", this::delete, Access.ADMIN);
        routes.post(BASE + "/{id}/restore", this::restore, Access.ADMIN);
    }

    /** A snapshot as listed: no file list, which the download's manifest holds. */
    record SnapshotResponse(String id, String collection, Instant created, int documents, int chunks, String model, long bytes,
                            long addedBytes, int files, Map<String, String> manifest) {
        static SnapshotResponse of(Snapshot s) {
            return new SnapshotResponse(s.id(), s.collection(), s.created(), s.documents(), s.chunks(), s.model(), s.bytes(),
                    s.addedBytes(), s.files().size(), s.manifest());
        }
    }

    /** Newest first. */
    record SnapshotsResponse(String collection, List<SnapshotResponse> snapshots) {
    }

    private Collection collection(Context ctx) {
        return scope.one(ctx, ctx.pathParam("name"), "name");
    }

    private void create(Context ctx) {
        Collection c = collection(ctx);
        // No body, or an object with no fields yet: a typo such as {"collection": …} is refused, not ignored.
        if (!ctx.body().isBlank()) bodies.read(ctx.body(), RequestBodies.Snapshot.class);
        ctx.attribute(Audit.TARGET, c.name());
        Snapshot s = c.snapshots().create();
        ctx.status(201).header("Location", "/v1/collections/" + c.name() + "/snapshots/" + s.id()).json(SnapshotResponse.of(s));
    }

    private void download(Context ctx) throws IOException {
        Collection c = collection(ctx);
        Snapshots snapshots = c.snapshots();
        String id = snapshots.get(ctx.pathParam("id")).id();
        ctx.contentType("application/x-tar").header("Content-Disposition", "attachment; filename=\"" + c.name() + "-" + id + ".tar\"");
        // The servlet's own stream: the archive goes out as it is read, never held whole, and is not compressed twice.
        snapshots.download(id, ctx.res().getOutputStream());
    }

    private void delete(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        ctx.attribute(Audit.TARGET, c.name() + ": snapshot " + id);
        c.snapshots().delete(id);
        ctx.status(204);
    }

    private void restore(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        JsonBody body = bodies.read(ctx.body(), RequestBodies.SnapshotRestore.class);
        if (body.bool("replace", false)) {
            if (body.has("into")) throw ApiException.badRequest("into", "give either into (a new collection) or replace, not both");
            ctx.attribute(Audit.TARGET, c.name() + ": replaced by snapshot " + id);
            scope.collections().generations().restoreSnapshot(c.name(), id);
            ctx.json(CollectionRoutes.Summary.of(c, scope.collections().defaultName()));
            return;
        }
        String into = body.requiredText("into");
        ctx.attribute(Audit.TARGET, c.name() + ": snapshot " + id + " into " + into);
        Collection restored = scope.collections().restore(c.snapshots().source(id), into);
        ctx.status(201).header("Location", "/v1/collections/" + restored.name())
                .json(CollectionRoutes.Summary.of(restored, scope.collections().defaultName()));
    }
}
