package dev.quarry.api;

import dev.quarry.safety.ContentFilterException;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.AuditLog;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Puts every write request, allowed or not, and every request a content filter stopped, in the audit log once its
 * response is known.
 */
final class Audit {

    /** What a write acted on (a folder, a document id), set by its route; the path is recorded regardless. */
    static final String TARGET = "quarry.audit.target";
    /** Set on a request a content filter stopped: it is audited whatever the route's role. */
    private static final String FILTERED = "quarry.audit.filtered";

    private final AuditLog log;

    Audit(AuditLog log) {
        this.log = log;
    }

    /** Marks the request for the audit log, naming the filter (never the text it stopped). */
    static void contentFiltered(Context ctx, ContentFilterException e) {
        ctx.attribute(FILTERED, true);
        ctx.attribute(TARGET, "content_filter:" + (e.blocklist() != null ? "blocklist " + e.blocklist()
                : "upstream " + String.join(",", e.categories())));
    }

    void afterRequest(Context ctx, Access access) {
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS;
        boolean filtered = ctx.attribute(FILTERED) != null;
        if (!filtered && (!write || (access != Access.WRITER && access != Access.ADMIN))) return;
        ApiKeys.Caller caller = ctx.attribute(Gate.CALLER);
        log.record(ctx.res().getHeader("X-Request-Id"),
                caller == null ? "unauthenticated" : caller.id(), caller == null ? null : caller.role().label(), ctx.ip(),
                ctx.method().name(), ctx.path(), ctx.attribute(TARGET), ctx.statusCode());
    }
}
