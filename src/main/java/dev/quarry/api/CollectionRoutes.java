package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.collection.Collection;
import dev.quarry.collection.CollectionSpec;
import dev.quarry.collection.DiskUse;
import dev.quarry.collection.Source;
import dev.quarry.error.Choices;
import dev.quarry.index.VectorFormat;
import dev.quarry.ingest.IngestRoots;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/collections} creates a collection (and starts ingesting its sources), {@code GET} lists those the
 * caller may use, {@code GET /v1/collections/{name}} describes one, {@code DELETE} removes one with its index.
 */
final class CollectionRoutes {

    private final Scope scope;
    private final IngestRoots roots;
    private final JsonBodies bodies;

    CollectionRoutes(Scope scope, IngestRoots roots, JsonBodies bodies) {
        this.scope = scope;
        this.roots = roots;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/collections", this::create, Access.ADMIN);
        routes.get("/v1/collections", this::list, Access.READER);
        routes.get("/v1/collections/{name}", ctx -> ctx.json(Summary.of(scope.one(ctx, ctx.pathParam("name"), "name"),
                scope.collections().defaultName())), Access.READER);
        routes.delete("/v1/collections/{name}", this::delete, Access.ADMIN);
    }

    record SourceSummary(String name, String folder) {
    }

    /** Bytes on disk: the live index, other index generations kept, snapshots (files shared with the index count once). */
    record DiskSummary(long index, long generations, long snapshots, long total) {
    }

    record Summary(String name, String model, int dimensions, int documents, int chunks, boolean isDefault,
                   ChunkSettings chunking, String vectors, List<SourceSummary> sources, DiskSummary disk) {
        static Summary of(Collection c, String defaultName) {
            var stats = c.stats();
            var model = c.embedder().model();
            DiskUse use = c.diskUse();
            return new Summary(c.name(), model.id(), model.dimensions(), stats.documents(), stats.chunks(),
                    c.name().equals(defaultName), c.spec().chunking(), Choices.label(c.spec().vectors()),
                    c.spec().sources().stream().map(s -> new SourceSummary(s.name(), s.folder().toString())).toList(),
                    new DiskSummary(use.index(), use.generations(), use.snapshots(), use.total()));
        }
    }

    record Created(Summary collection, List<String> ingestJobs) {
    }

    /** The collections the caller may use, and the default one, unless the caller may not use it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CollectionsResponse(@JsonProperty("default") String defaultName, List<Summary> collections) {
    }

    private void list(Context ctx) {
        String defaultName = scope.collections().defaultName();
        List<Summary> visible = scope.visible(ctx).stream().map(c -> Summary.of(c, defaultName)).toList();
        // A key that may not use the default collection is not told its name.
        ctx.json(new CollectionsResponse(visible.stream().anyMatch(Summary::isDefault) ? defaultName : null, visible));
    }

    private void create(Context ctx) {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Collection.class);
        String name = CollectionSpec.checkCollectionName(body.requiredText("name"));
        ctx.attribute(Audit.TARGET, name);
        ChunkSettings chunking = chunking(body, scope.collections().defaultCollection().spec().chunking());
        // Folders are checked before anything is created: a bad one leaves no half-made collection behind.
        List<JsonBody> sources = body.objects("sources");
        List<IngestRoots.Target> targets = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) targets.add(IngestRoutes.target(roots, sources.get(i).requiredText("folder"), "sources[" + i + "].folder"));
        VectorFormat vectors = body.choice("vectors", VectorFormat.class, null);
        CollectionSpec spec = scope.collections().describe(name, body.text("model", null), chunking, vectors);
        Collection created = scope.collections().create(spec);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Source source = created.sourceFor(targets.get(i).folder(), sources.get(i).text("name", null));
            jobs.add(created.ingestJobs().submit(source.name(), source.folder(), targets.get(i).folder()));
        }
        ctx.status(201).header("Location", "/v1/collections/" + name)
                .json(new Created(Summary.of(created, scope.collections().defaultName()), jobs));
    }

    /** The body's {@code chunking}, each setting left out taken from {@code defaults}; null when it has none. */
    static ChunkSettings chunking(JsonBody body, ChunkSettings defaults) {
        if (!body.has("chunking")) return null;
        JsonBody c = body.object("chunking");
        int maxTokens = c.integer("maxTokens", defaults.maxTokens(), 16, 8192);
        int overlapTokens = c.integer("overlapTokens", defaults.overlapTokens(), 0, 4096);
        // Checked here, as ChunkSettings refuses it with an exception that is not the caller's problem JSON.
        if (overlapTokens >= maxTokens / 2) {
            throw ApiException.badRequest("chunking.overlapTokens", "chunking.overlapTokens must be less than half of"
                    + " chunking.maxTokens (" + maxTokens + "), got " + overlapTokens);
        }
        return new ChunkSettings(maxTokens, overlapTokens, c.bool("headingContext", defaults.headingContext()));
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("name");
        ctx.attribute(Audit.TARGET, name);
        scope.one(ctx, name, "name");
        scope.collections().delete(name);
        ctx.status(204);
    }
}
