package dev.quarry.api;

import dev.quarry.Quarry;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness and readiness probes, open to all so that orchestrators need no key. */
final class HealthRoutes {

    private final Quarry quarry;
    private final BooleanSupplier stopping;

    HealthRoutes(Quarry quarry, BooleanSupplier stopping) {
        this.quarry = quarry;
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
            List<String> problems = quarry.index().problems();
            if (!problems.isEmpty()) {
                ctx.status(503).json(Map.of("status", "degraded", "problems", problems));
                return;
            }
            // Reading the stats touches the open index; the model is loaded when Quarry opened, or opening failed.
            var stats = quarry.index().stats();
            ctx.json(Map.of("status", "ready", "model", quarry.embedder().model().id(), "documents", stats.documents(),
                    "chunks", stats.chunks()));
        }, Access.PUBLIC);
    }
}
