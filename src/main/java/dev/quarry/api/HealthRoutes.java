package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quarry.Quarry;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Collections;
import java.util.ArrayList;
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
                ctx.status(503).json(new ReadinessResponse("stopping", null, null, null, null, null));
                return;
            }
            // The server listens while the models load and the indexes open: ready only once a search can be answered.
            if (!quarry.opened()) {
                ctx.status(503).json(new ReadinessResponse("starting", null, null, null, null, null));
                return;
            }
            Collections collections = quarry.collections();
            // A damaged index or a writer that cannot reopen (a full disk) is not ready: its problems say why.
            List<String> problems = new ArrayList<>();
            for (Collection c : collections.all()) c.index().problems().forEach(p -> problems.add(c.name() + ": " + p));
            if (!problems.isEmpty()) {
                ctx.status(503).json(new ReadinessResponse("degraded", null, null, null, null, problems));
                return;
            }
            // Reading the stats touches the open indexes; the models are loaded when they opened, or opening failed.
            Collection main = collections.defaultCollection();
            var stats = main.stats();
            ctx.json(new ReadinessResponse("ready", main.embedder().model().id(), stats.documents(), stats.chunks(),
                    collections.all().size(), null));
        }, Access.PUBLIC);
    }

    record HealthResponse(String status) {
    }

    /**
     * Ready with what the default collection serves and how many collections there are, or not ready ({@code starting},
     * {@code stopping}, or {@code degraded} with the problems why).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadinessResponse(String status, String model, Integer documents, Integer chunks, Integer collections,
                             List<String> problems) {
    }
}
