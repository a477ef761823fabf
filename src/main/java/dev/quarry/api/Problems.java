package dev.quarry.api;

import dev.quarry.error.QuarryException;
import dev.quarry.metrics.QuarryMetrics;
import dev.quarry.safety.ContentFilterException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become problem JSON. No stack trace ever reaches a client. */
final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://quarry.dev/problems/";

    private Problems() {
    }

    static void register(RoutesConfig routes, QuarryMetrics metrics) {
        routes.exception(QuarryException.class, (e, ctx) -> {
            if (e instanceof ContentFilterException filtered) {
                metrics.contentFiltered(filtered.blocklist() != null ? "blocklist" : "upstream");
                contentFiltered(ctx, filtered);
                return;
            }
            if (e instanceof ApiException api) api.headers().forEach(ctx::header);
            String detail = e.getMessage();
            switch (e.kind()) {
                case UPSTREAM, UPSTREAM_TIMEOUT -> {
                    metrics.upstreamFailure(e.kind() == QuarryException.Kind.UPSTREAM_TIMEOUT);
                    log.warn("Upstream failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                }
                case UNAVAILABLE -> log.error("Unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                case INTERNAL -> {
                    log.error("Failure on {} {}", ctx.method(), ctx.path(), e);
                    detail = "the server failed to handle this request; its log has the details";
                }
                default -> { }
            }
            write(ctx, status(e.kind()), title(e.kind()), detail, e.field());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), titleOf(e.getStatus()),
                describe(e, ctx), null));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal error", "the server failed to handle this request; its log has the details", null);
        });
    }

    /** Each kind of failure's HTTP status: the one place where they are chosen. */
    static int status(QuarryException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case INSUFFICIENT_STORAGE -> 507;
            case UPSTREAM -> 502;
            case UNAVAILABLE -> 503;
            case UPSTREAM_TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    private static String title(QuarryException.Kind kind) {
        return switch (kind) {
            case INVALID -> "Invalid request";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case TOO_LARGE -> "Request too large";
            case TOO_MANY_REQUESTS -> "Too many requests";
            case INSUFFICIENT_STORAGE -> "Insufficient storage";
            case UPSTREAM -> "Upstream failure";
            case UNAVAILABLE -> "Service unavailable";
            case UPSTREAM_TIMEOUT -> "Upstream timeout";
            case INTERNAL -> "Internal error";
        };
    }

    /** The problem type of content filtered by a blocklist or by a deployment's own filter. */
    static final String CONTENT_FILTER = TYPE_BASE + "content_filter";

    /** A 400 naming the blocklist or the categories, audited as a refusal whatever the route's role. */
    private static void contentFiltered(Context ctx, ContentFilterException e) {
        Audit.contentFiltered(ctx, e);
        Problem problem = new Problem(CONTENT_FILTER, "Content filtered", 400, e.getMessage(), e.field(), e.blocklist(), e.categories());
        ctx.status(400).result(ctx.jsonMapper().toJsonString(problem, Problem.class)).contentType("application/problem+json");
    }

    static void write(Context ctx, int status, String title, String detail, String field) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Problem problem = new Problem(TYPE_BASE + slug, title, status, detail, field);
        // Not ctx.json(), which would overwrite the problem content type.
        ctx.status(status).result(ctx.jsonMapper().toJsonString(problem, Problem.class))
                .contentType("application/problem+json");
    }

    private static String describe(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no route " + ctx.method() + " " + ctx.path();
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            default -> e.getMessage();
        };
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            default -> "HTTP " + status;
        };
    }
}
