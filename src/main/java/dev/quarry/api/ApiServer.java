package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarry.Quarry;
import dev.quarry.error.ConfigException;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.security.AuditLog;
import dev.quarry.security.RateLimiter;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The HTTP API: one Javalin server whose routes each read a request, call one service and write a response. */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** The latest writes, newest first. */
    record AuditResponse(List<AuditLog.Entry> entries) {
    }

    /** A route as the server really serves it, and who may call it. */
    public record Route(String method, String path, String access) {
    }

    private final Javalin app;
    private final ServerConfig server;
    private final AuditLog audit;
    private final McpRoutes mcp;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public ApiServer(Quarry quarry, ServerConfig server) {
        this(quarry, server, new IngestRoots(quarry.config().ingestRoots()));
    }

    /** {@code roots}: the folders {@code POST /v1/ingest} may read. */
    public ApiServer(Quarry quarry, ServerConfig server, IngestRoots roots) {
        this(quarry, server, roots, System::nanoTime);
    }

    /** {@code nanoTime}: the clock of the rate limits. */
    public ApiServer(Quarry quarry, ServerConfig server, IngestRoots roots, LongSupplier nanoTime) {
        this.server = server;
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        RateLimiter limiter = new RateLimiter(server.limits().requestsPerMinute(),
                ChatQuota.tokensPerMinute(quarry.config().chatDeployments()), nanoTime);
        this.audit = new AuditLog(quarry.config().dataDir().resolve("audit.jsonl"), Clock.systemUTC());
        FileLinks links = new FileLinks(Clock.systemUTC());
        Gate gate = new Gate(server.apiKeys(), limiter, links);
        ChatQuota quota = new ChatQuota(limiter);
        Audit auditing = new Audit(audit);
        Scope scope = new Scope(quarry::collections);
        JsonBodies bodies = new JsonBodies(json);
        mcp = new McpRoutes(new ToolCalls(scope, bodies, quota), ToolCalls.deployments(quarry.config()), server, json);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = server.host();
            config.jetty.port = server.port();
            // Jetty's own graceful stop: listeners close, and each request in flight runs until its response is
            // complete (not just its handler), within the grace period.
            config.jetty.modifyServer(jetty -> {
                jetty.setHandler(new GracefulHandler());
                jetty.setStopTimeout(server.limits().shutdownGrace().toMillis());
            });
            if (server.tls() != null) Tls.configure(config.jetty, server);
            config.http.maxRequestSize = server.limits().maxBodyBytes();
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/studio";
                files.location = Location.CLASSPATH;
            });
            Problems.register(config.routes, quarry.metrics());
            config.routes.before(ctx -> {
                ctx.attribute("quarry.started", System.nanoTime());
                // Every log line of the request carries its id, which the client gets back to quote.
                String id = RequestIds.accept(ctx.header("X-Request-Id"));
                MDC.put("requestId", id);
                ctx.header("X-Request-Id", id);
            });
            config.routes.beforeMatched(gate::check);
            config.routes.after(ctx -> {
                try {
                    Long started = ctx.attribute("quarry.started");
                    // The matched route even when the gate turned the request away before it ran.
                    var endpoint = ctx.endpoints().matchedHttpEndpoint();
                    String route = endpoint == null ? "unmatched" : endpoint.path;
                    if (started != null) quarry.metrics().request(ctx.method().name(), route, ctx.statusCode(),
                            Duration.ofNanos(System.nanoTime() - started));
                    if (endpoint != null) auditing.afterRequest(ctx, Gate.access(endpoint));
                } finally {
                    MDC.remove("requestId");
                }
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(quarry.metrics().scrape()), Access.ADMIN);
            config.routes.get("/v1/audit", ctx -> ctx.json(new AuditResponse(
                    audit.latest(QueryParams.integer(ctx, "limit", 100, 1, 1000)))), Access.ADMIN);
            new SearchRoutes(scope, bodies).register(config.routes);
            new DocumentRoutes(scope, new OriginalFiles(roots), links).register(config.routes);
            new ClusterRoutes(scope).register(config.routes);
            new IngestRoutes(scope, roots, bodies).register(config.routes);
            new CollectionRoutes(scope, roots, bodies).register(config.routes);
            new TuningRoutes(scope, bodies).register(config.routes);
            new SnapshotRoutes(scope, bodies).register(config.routes);
            new GenerationRoutes(scope, bodies).register(config.routes);
            new ChatRoutes(scope, quarry.config().chatDeployments(), quota, quarry.metrics(), bodies, json).register(config.routes);
            new CompareRoutes(scope, quota, bodies).register(config.routes);
            new HealthRoutes(quarry, stopping::get).register(config.routes);
            new OpenApiRoutes().register(config.routes);
            mcp.register(config.routes);
        });
        serveHeadAsGet();
    }

    /**
     * Javalin answers HEAD for a GET route by itself, 200 without running the route or the gate. Each GET route gets
     * a HEAD twin with its handler and role instead, so HEAD has GET's status, headers and access checks.
     */
    private void serveHeadAsGet() {
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            Endpoint get = parsed.endpoint;
            if (get.method != HandlerType.GET) continue;
            Roles roles = get.metadata(Roles.class);
            app.unsafe.internalRouter.addHttpEndpoint(
                    new Endpoint(HandlerType.HEAD, get.path, get.handler, roles == null ? Set.of() : Set.of(roles)));
        }
    }

    /** Fails with one line when the configured address and port cannot be bound (port 0 always can). */
    public static void ensurePortFree(ServerConfig server) {
        if (server.port() == 0) return;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(server.host(), server.port()));
        } catch (IOException e) {
            throw portInUse(server, e);
        }
    }

    private static ConfigException portInUse(ServerConfig server, Exception e) {
        return new ConfigException("server.port " + server.port() + " on " + server.host() + " cannot be used ("
                + e.getMessage() + "): is another server running? Stop it, or choose another port with --port or"
                + " QUARRY_PORT", e);
    }

    public ApiServer start() {
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw portInUse(server, e);
        }
        String scheme = server.tls() == null ? "http" : "https";
        String host = server.host().equals("0.0.0.0") ? "localhost" : server.host();
        log.info("Quarry is listening on {}://{}:{}", scheme, host, port());
        if (!server.apiKeys().required()) {
            log.info("No API keys are configured, so the API listens on {} only and every local caller may do everything; "
                    + "set QUARRY_API_KEYS to require keys", server.host());
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every route the server answers, with its access, for the API description and its tests. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint)
                .filter(e -> e.method.isHttpMethod() && e.method != HandlerType.HEAD)
                .map(e -> new Route(e.method.name(), e.path, Gate.access(e).name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * Stops gracefully: readiness turns false and the listener closes at once, requests in flight may finish within
     * the grace period, then the server stops.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) return;
        app.stop();
        // After the requests in flight, MCP tool calls among them, have had their grace period.
        mcp.close();
        audit.close();
    }
}
