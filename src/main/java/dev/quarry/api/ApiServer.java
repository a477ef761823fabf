package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarry.Quarry;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.IngestRoots;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The HTTP API: one Javalin server whose routes each read a request, call one service and write a response. */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Search and chat bodies are small; anything larger is a mistake or an attack. */
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final Javalin app;
    private final String host;

    public ApiServer(Quarry quarry, ServerConfig server) {
        this(quarry, server, new IngestRoots(quarry.config().ingestRoots()));
    }

    /** {@code roots}: the folders {@code POST /v1/ingest} may read. */
    public ApiServer(Quarry quarry, ServerConfig server, IngestRoots roots) {
        this.host = server.host();
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SearchRoutes search = new SearchRoutes(quarry.searcher(), json);
        HealthRoutes health = new HealthRoutes(quarry.index());
        DocumentRoutes documents = new DocumentRoutes(quarry.index());
        ClusterRoutes clusters = new ClusterRoutes(quarry.index());
        IngestRoutes ingest = new IngestRoutes(quarry.ingestJobs(), roots, json);
        ChatRoutes chat = new ChatRoutes(quarry.chat(), json);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = server.host();
            config.jetty.port = server.port();
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/studio";
                files.location = Location.CLASSPATH;
            });
            Problems.register(config.routes);
            config.routes.before(ctx -> {
                ctx.attribute("quarry.started", System.nanoTime());
                // Every log line of the request carries its id, which the client gets back to quote.
                String id = RequestIds.accept(ctx.header("X-Request-Id"));
                MDC.put("requestId", id);
                ctx.header("X-Request-Id", id);
            });
            config.routes.after(ctx -> {
                Long started = ctx.attribute("quarry.started");
                var endpoint = ctx.endpoints().lastHttpEndpoint();
                String route = endpoint == null ? "unmatched" : endpoint.path;
                if (started != null) quarry.metrics().request(ctx.method().name(), route, ctx.statusCode(),
                        java.time.Duration.ofNanos(System.nanoTime() - started));
                MDC.remove("requestId");
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(quarry.metrics().scrape()));
            search.register(config.routes);
            documents.register(config.routes);
            clusters.register(config.routes);
            ingest.register(config.routes);
            chat.register(config.routes);
            health.register(config.routes);
        });
    }

    public ApiServer start() {
        app.start();
        log.info("Quarry is listening on http://{}:{}", host.equals("0.0.0.0") ? "localhost" : host, port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
