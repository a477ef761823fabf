package dev.quarry.api;

import dev.quarry.collection.Collection;
import dev.quarry.collection.Collections;
import java.util.ArrayList;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness and readiness probes, open to all so that orchestrators need no key. */
final class HealthRoutes {

    private final Collections collections;
    private final BooleanSupplier stopping;

    HealthRoutes(Collections collections, BooleanSupplier stopping) {
        this.collections = collections;
        this.stopping = stopping;
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")), Access.PUBLIC);
        routes.get("/readyz", ctx -> {
            if (stopping.getAsBoolean()) {
                ctx.status(503).json(Map.of("status", "stopping"));
                return;
            }
            // A damaged index or a writer that cannot reopen (a full disk) is not ready: its problems say why.
            List<String> problems = new ArrayList<>();
            for (Collection c : collections.all()) c.index().problems().forEach(p -> problems.add(c.name() + ": " + p));
            if (!problems.isEmpty()) {
                ctx.status(503).json(Map.of("status", "degraded", "problems", problems));
                return;
            }
            // Reading the stats touches the open indexes; the models are loaded when they opened, or opening failed.
            Collection main = collections.defaultCollection();
            var stats = main.index().stats();
            ctx.json(Map.of("status", "ready", "model", main.embedder().model().id(), "documents", stats.documents(),
                    "chunks", stats.chunks(), "collections", collections.all().size()));
        }, Access.PUBLIC);
    }
}
