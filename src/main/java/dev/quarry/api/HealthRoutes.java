package dev.quarry.api;

import dev.quarry.index.ChunkIndex;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** Liveness and readiness probes. */
final class HealthRoutes {

    private final ChunkIndex index;

    HealthRoutes(ChunkIndex index) {
        this.index = index;
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/readyz", ctx -> {
            var stats = index.stats();
            ctx.json(Map.of("status", "ready", "documents", stats.documents(), "chunks", stats.chunks()));
        });
    }
}
