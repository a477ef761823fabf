package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.cluster.ClusterExport;
import dev.quarry.cluster.ClusterReport;
import dev.quarry.cluster.ClusterSettings;
import dev.quarry.cluster.Clusterer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.Choices;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clusters", description = "Group similar documents (or chunks) and export the groups.")
final class ClustersCommand implements Callable<Integer> {

    private final Map<String, String> env;

    ClustersCommand(Map<String, String> env) {
        this.env = env;
    }

    @Option(names = "--level", description = "document or chunk (default ${DEFAULT-VALUE}).", defaultValue = "document")
    ClusterSettings.Level level;

    @Option(names = "--k", description = "auto or a number of clusters (default ${DEFAULT-VALUE}).", defaultValue = "auto")
    String k;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--format", description = "json, csv or jsonl (default ${DEFAULT-VALUE}).", defaultValue = "json")
    ClusterExport format;

    @Option(names = "--out", paramLabel = "<file>", description = "Write to this file instead of standard output.")
    Path out;

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
    String collection;

    @Option(names = "--no-server", description = "Cluster in this process even when a server runs on the data folder.")
    boolean noServer;

    @Override
    public Integer call() throws Exception {
        Integer fixedK;
        try {
            fixedK = k.equals("auto") ? null : Integer.valueOf(k);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--k must be auto or a number, got '" + k + "'");
        }
        QuarryConfig config = ConfigLoader.load(env);
        Optional<ClusterReport> served = ServerClient.through(config.dataDir(), noServer, this::throughServer);
        if (served.isPresent()) {
            write(served.get());
            return 0;
        }
        try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
            write(new Clusterer(quarry.collection(collection).index()).cluster(new ClusterSettings(level, fixedK, 2, 20, seed)));
        }
        return 0;
    }

    /** The report of {@code GET /v1/clusters}, read whole, so that every format and the summary are as in-process. */
    private ClusterReport throughServer(ServerClient server) throws ServerClient.Unreachable {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("level", Choices.label(level));
        query.put("k", k);
        query.put("seed", seed);
        query.put("format", "json");
        query.put("collection", collection);
        return server.get("/v1/clusters", query, ClusterReport.class);
    }

    private void write(ClusterReport report) throws Exception {
        if (out == null) {
            format.write(report, System.out);
            return;
        }
        try (OutputStream file = Files.newOutputStream(out)) {
            format.write(report, file);
        }
        System.err.printf("%d clusters (k %s) written to %s%n", report.clusters().size(), report.kSelection(), out);
    }
}
