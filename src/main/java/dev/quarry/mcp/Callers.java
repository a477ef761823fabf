package dev.quarry.mcp;

import dev.quarry.error.QuarryException;
import dev.quarry.security.ApiKeys;
import io.modelcontextprotocol.common.McpTransportContext;

/**
 * Who makes a call. Over HTTP the gate has found the caller before the request reached the MCP server, and the
 * transport carries it here; a call that arrives without one is refused, never run with no scope.
 */
@FunctionalInterface
public interface Callers {

    /** The key of the transport context under which {@code /mcp} puts the caller. */
    String KEY = "quarry.caller";

    ApiKeys.Caller of(McpTransportContext context);

    /** The caller the gate put in the transport context. */
    static Callers fromContext() {
        return context -> {
            if (context.get(KEY) instanceof ApiKeys.Caller caller) return caller;
            throw new QuarryException(QuarryException.Kind.UNAUTHORIZED, null, "this call carries no authenticated caller");
        };
    }

    /** One caller for every call: a local process started by its user. */
    static Callers always(ApiKeys.Caller caller) {
        return context -> caller;
    }
}
