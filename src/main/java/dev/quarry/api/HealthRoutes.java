package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.Quarry;
import io.javalin.config.RoutesConfig;
import java.util.List;
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
        routes.get("/healthz", ctx -> ctx.json(new HealthResponse("ok")), Access.PUBLIC);
        routes.get("/readyz", ctx -> {
            if (stopping.getAsBoolean()) {
                ctx.status(503).json(new ReadinessResponse("stopping", null, null, null, null));
                return;
            }
            // A damaged index or a writer that cannot reopen (a full disk) is not ready: its problems say why.
            List<String> problems = quarry.index().problems();
            if (!problems.isEmpty()) {
                ctx.status(503).json(new ReadinessResponse("degraded", null, null, null, problems));
                return;
            }
            // Reading the stats touches the open index; the model is loaded when Quarry opened, or opening failed.
            var stats = quarry.index().stats();
            ctx.json(new ReadinessResponse("ready", quarry.embedder().model().id(), stats.documents(), stats.chunks(), null));
        }, Access.PUBLIC);
    }

    record HealthResponse(String status) {
    }

    /** Ready with what is served, or not ready ({@code stopping}, or {@code degraded} with the problems why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadinessResponse(String status, String model, Integer documents, Integer chunks, List<String> problems) {
    }
}
