package dev.quarry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.config.ServerConfig;
import dev.quarry.mcp.Callers;
import dev.quarry.mcp.Library;
import dev.quarry.mcp.McpServers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /mcp}: the MCP server over Streamable HTTP. Its requests are routes like any other, so the gate (keys, roles,
 * rate limits), request ids, metrics and the audit rule apply before the SDK's servlet sees them; the caller the gate
 * found travels to the tools in the transport context. A body is read and checked here first, so an oversized or
 * malformed one gets the same problem JSON as on every other route. There is no stream at GET: Quarry sends no
 * messages of its own, and the protocol lets a server answer 405.
 */
final class McpRoutes implements AutoCloseable {

    static final String PATH = "/mcp";

    private final McpServers.Http mcp;
    private final ObjectMapper json;

    McpRoutes(Library library, List<String> deployments, ServerConfig server, ObjectMapper json) {
        this.json = json;
        this.mcp = McpServers.http(library, deployments, PATH, allowed(server),
                (int) Math.min(Integer.MAX_VALUE, server.limits().maxBodyBytes()), McpRoutes::caller);
    }

    /** The caller the gate found, for the tools; without one they refuse the call. */
    private static McpTransportContext caller(HttpServletRequest request) {
        Object caller = request.getAttribute(Gate.CALLER);
        return caller == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(Callers.KEY, caller));
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::post, Access.READER);
        routes.get(PATH, ctx -> {
            ctx.header("Allow", "POST, DELETE");
            throw new HttpResponseException(405, "GET is not allowed on " + PATH + ": this server sends no messages of its own; POST requests to it");
        }, Access.READER);
        routes.delete(PATH, ctx -> mcp.servlet().service(ctx.req(), ctx.res()), Access.READER);
    }

    private void post(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        // Parsed only to be refused as every other route refuses it; one JSON-RPC message is one object.
        JsonBody.parse(json, new String(body, StandardCharsets.UTF_8));
        mcp.servlet().service(new ReplayedBody(ctx.req(), body), ctx.res());
    }

    /**
     * Hosts and page origins that may call {@code /mcp}. Without keys the server is this machine's only, and a page
     * elsewhere that rebinds its name to 127.0.0.1 is refused by its Host; with keys no page holds the key a call needs,
     * so any Host may reach it. Browser pages may call from this machine only.
     */
    static McpServers.Origins allowed(ServerConfig server) {
        List<String> loopback = List.of("localhost", "127.0.0.1", "[::1]");
        List<String> hosts = new ArrayList<>();
        if (!server.apiKeys().required()) {
            for (String name : loopback) hosts.add(name + ":*");
            if (!loopback.contains(server.host())) hosts.add(server.host() + ":*");
        }
        List<String> origins = new ArrayList<>();
        for (String name : loopback) {
            origins.add("http://" + name + ":*");
            origins.add("https://" + name + ":*");
        }
        return new McpServers.Origins(hosts, origins);
    }

    @Override
    public void close() {
        mcp.close();
    }
}
