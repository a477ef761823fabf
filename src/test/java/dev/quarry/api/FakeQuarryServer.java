package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.index.ChunkIndex;
import dev.quarry.metrics.QuarryMetrics;
import dev.quarry.testing.FakeQuarry;
import dev.quarry.testing.Http;
import dev.quarry.testing.RouteServer;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A Quarry with the fake embedder in {@code dir}, the chunks a test puts in its default collection, and only the
 * routes the test registers, with problem responses: routes tested over HTTP with no model.
 */
final class FakeQuarryServer implements AutoCloseable {

    /** Registers a test's routes over the collections of {@code scope}, answering with {@code json}. */
    interface Routes {
        void register(RoutesConfig routes, Scope scope, ObjectMapper json, QuarryMetrics metrics);
    }

    private final Quarry quarry;
    private final RouteServer server;

    FakeQuarryServer(Path dir, Consumer<ChunkIndex> documents, Routes routes) {
        quarry = FakeQuarry.open(dir);
        ChunkIndex index = quarry.defaultCollection().index();
        documents.accept(index);
        index.commit();
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        QuarryMetrics metrics = new QuarryMetrics();
        server = new RouteServer(json, config -> {
            Problems.register(config, metrics);
            routes.register(config, new Scope(quarry::collections), json, metrics);
        });
    }

    Http http() {
        return server.http();
    }

    @Override
    public void close() {
        server.close();
        quarry.close();
    }
}
