package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.api.ToolCalls;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.mcp.Callers;
import dev.quarry.mcp.Library;
import dev.quarry.mcp.McpServers;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mcp", description = {"Serve the MCP tools (search, fetch, answer, list_collections) over standard input and",
        "output, for an agent that starts Quarry as a local process: through the running server of the data folder when",
        "there is one (every collection it serves), else with one collection opened read-only here."})
final class McpCommand implements Callable<Integer> {

    /** The user who started the process: every collection on disk is theirs already. */
    private static final ApiKeys.Caller LOCAL = new ApiKeys.Caller("local", Role.READER);

    private final Map<String, String> env;

    McpCommand(Map<String, String> env) {
        this.env = env;
    }

    @Option(names = "--collection", paramLabel = "<name>", description = "In this process: the collection to serve (default: the default collection).")
    String collection;

    @Option(names = "--no-server", description = "Serve from this process even when a server runs on the data folder.")
    boolean noServer;

    /** Serves until the agent closes standard input. */
    @Override
    public Integer call() throws InterruptedException {
        QuarryConfig config = ConfigLoader.load(env);
        // Standard output carries the protocol only: anything else printed goes to standard error instead.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            // Asking for the collections first tells a server that answers from one that has gone.
            Optional<Library> server = ServerClient.through(config.dataDir(), noServer, client -> {
                client.get("/v1/collections", Map.of(), JsonNode.class);
                return new ServerLibrary(client);
            });
            if (server.isPresent()) {
                serve(server.get(), config, protocol);
                return 0;
            }
            try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
                serve(ToolCalls.of(quarry), config, protocol);
            }
            return 0;
        } finally {
            System.setOut(protocol);
        }
    }

    private static void serve(Library library, QuarryConfig config, PrintStream protocol) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(McpServers.jsonMapper(), new UntilEnd(System.in, ended), protocol);
        McpSyncServer server = McpServers.serve(transport, library, ToolCalls.deployments(config), Callers.always(LOCAL));
        ended.await();
        server.closeGracefully();
    }

    /** Standard input that says when it has ended. */
    private static final class UntilEnd extends FilterInputStream {

        private final CountDownLatch ended;

        UntilEnd(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return atEnd(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return atEnd(super.read(b, off, len));
        }

        private int atEnd(int read) {
            if (read < 0) ended.countDown();
            return read;
        }
    }
}
