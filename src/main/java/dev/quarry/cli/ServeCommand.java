package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.FolderWatcher;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.ingest.IngestStoppedException;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Start the HTTP API (and, with --ingest, first bring the index in line with a folder).")
final class ServeCommand implements Callable<Integer> {

    private final Map<String, String> env;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--ingest", paramLabel = "<folder>", description = "Ingest this folder before serving.")
    Path ingest;

    @Option(names = "--watch", description = "With --ingest: keep the index in sync with the folder while serving.")
    boolean watch;

    @Option(names = "--port", description = "Port to listen on (default: QUARRY_PORT or 8080; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        if (watch && ingest == null) throw new IllegalArgumentException("--watch needs --ingest <folder>: it watches that folder");
        QuarryConfig loaded = ConfigLoader.load(env);
        QuarryConfig config = port == null ? loaded : loaded.withServer(loaded.server().withPort(port));
        ServerConfig server = config.server();
        // Before anything slow: an ingest of minutes followed by a port clash would be wasted.
        ApiServer.ensurePortFree(server);
        // Into the log file: the console of a server shows its lifecycle, not every setting.
        LoggerFactory.getLogger(QuarryConfig.class).info("Configuration: {}", config.describe());
        StopSignals signals = StopSignals.install();
        // The model loads and the indexes open while the HTTP server starts; /readyz says "starting" until then.
        Quarry quarry = Quarry.startOpening(config, env);
        if (ingest != null) {
            try {
                IngestCommand.print(quarry.defaultCollection().ingest(ingest, null, ProgressPrinter.forConsole(), signals::received));
            } catch (IngestStoppedException e) {
                System.err.println("quarry: " + e.getMessage());
                quarry.close();
                return signals.exitCode();
            } catch (RuntimeException e) {
                quarry.close();
                throw e;
            }
        }
        List<Path> roots = new ArrayList<>(config.ingestRoots());
        if (ingest != null) roots.add(ingest);
        String token = ServerFile.newToken();
        ApiServer api;
        try {
            api = new ApiServer(quarry, withLocalToken(server, token), new IngestRoots(roots), System::nanoTime).start();
        } catch (RuntimeException e) {
            quarry.close();
            throw e;
        }
        try {
            quarry.collections();
        } catch (RuntimeException e) {
            api.close();
            quarry.close();
            throw e;
        }
        ServerFile published = publish(config.dataDir(), server, api.port(), token);
        FolderWatcher watcher = ingest != null && watch
                ? quarry.defaultCollection().watch(ingest, null, Duration.ofMillis(500), r -> log.info("Synced: {}", r.summary()))
                : null;
        String url = (server.tls() == null ? "http" : "https") + "://localhost:" + api.port();
        System.out.println(StartupHint.text(url, server.apiKeys().required(), StartupHint.query(quarry.defaultCollection().index()), roots));
        signals.await();
        log.info("Stopping: no new connections; requests in flight may finish");
        // First, so that no command starting now sends its request to a server that is going away.
        if (published != null) published.withdraw(config.dataDir());
        if (watcher != null) watcher.close();
        api.close();
        quarry.close();
        log.info("Stopped cleanly: the index is committed");
        return 0;
    }

    /**
     * With API keys required, the token of the server file is one more key, a reader's, for the command line of this
     * machine; without keys every local caller may already do everything.
     */
    static ServerConfig withLocalToken(ServerConfig server, String token) {
        if (!server.apiKeys().required()) return server;
        return server.withApiKeys(server.apiKeys().plus(token, new ApiKeys.Caller("local-cli", Role.READER)));
    }

    /** Tells the command line where this server listens; without the file, commands simply run in-process. */
    private static ServerFile publish(Path dataDir, ServerConfig server, int port, String token) {
        ServerFile file = new ServerFile(ServerFile.localUrl(server, port), token);
        try {
            file.publish(dataDir);
            return file;
        } catch (UncheckedIOException e) {
            log.warn("Commands on this machine will not use this server: {}", e.getMessage());
            return null;
        }
    }
}
