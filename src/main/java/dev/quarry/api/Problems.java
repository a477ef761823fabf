package dev.quarry.api;

import dev.quarry.chat.ChatException;
import dev.quarry.embed.EmbeddingException;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexException;
import dev.quarry.metrics.QuarryMetrics;
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
        routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.title(), e.getMessage(), e.field());
        });
        routes.exception(QuarryException.class, (e, ctx) -> {
            switch (e.kind()) {
                case INVALID -> write(ctx, 400, "Invalid request", e.getMessage(), e.field());
                case NOT_FOUND -> write(ctx, 404, "Not found", e.getMessage(), e.field());
                case CONFLICT -> write(ctx, 409, "Conflict", e.getMessage(), e.field());
                case UNAVAILABLE -> {
                    log.warn("Unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    write(ctx, 503, "Service unavailable", e.getMessage(), e.field());
                }
            }
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), titleOf(e.getStatus()),
                describe(e, ctx), null));
        routes.exception(ChatException.class, (e, ctx) -> {
            metrics.upstreamFailure(e.timedOut());
            write(ctx, e.timedOut() ? 504 : 502, e.timedOut() ? "Upstream timeout" : "Upstream failure", e.getMessage(), "deployment");
        });
        routes.exception(EmbeddingException.class, (e, ctx) -> {
            if (!e.upstream()) {
                log.error("Embedding failure on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "Internal error", "the embedding model failed; the server's log has the details", null);
                return;
            }
            metrics.upstreamFailure(e.timedOut());
            log.warn("Embedder failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, e.timedOut() ? 504 : 502, e.timedOut() ? "Upstream timeout" : "Upstream failure", e.getMessage(), null);
        });
        routes.exception(IndexException.class, (e, ctx) -> {
            log.error("Index failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            write(ctx, 503, "Index unavailable", e.getMessage(), null);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal error", "the server failed to handle this request; its log has the details", null);
        });
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
