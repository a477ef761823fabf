package dev.quarry.api;

import dev.quarry.security.ApiKeys;
import dev.quarry.security.AuditLog;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/** Puts every write request, allowed or not, in the audit log once its response is known. */
final class Audit {

    /** What a write acted on (a folder, a document id), set by its route; the path is recorded regardless. */
    static final String TARGET = "quarry.audit.target";

    private final AuditLog log;

    Audit(AuditLog log) {
        this.log = log;
    }

    void afterRequest(Context ctx, Access access) {
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS;
        if (!write || (access != Access.WRITER && access != Access.ADMIN)) return;
        ApiKeys.Caller caller = ctx.attribute(Gate.CALLER);
        log.record(ctx.res().getHeader("X-Request-Id"),
                caller == null ? "unauthenticated" : caller.id(), caller == null ? null : caller.role().label(), ctx.ip(),
                ctx.method().name(), ctx.path(), ctx.attribute(TARGET), ctx.statusCode());
    }
}
