package dev.quarry.solrcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud of embedded ZooKeeper and Solr nodes on 127.0.0.1 for Quarry's tests of its Solr backend, run by them
 * in a JVM of its own. Arguments: a working folder, the file to publish the nodes' base URLs in (one per line,
 * written once every node is up), and the number of nodes (default 2). It holds no configsets or collections: Quarry
 * creates its own. Tests of failures send {@code stop N} and {@code start N} on its standard input to stop node N
 * and start it again; each command done is acknowledged by a line in the file beside the endpoints, named like it
 * with {@code .done} added. It stops, and deletes nothing, when its standard input closes, so it never outlives the
 * test JVM that started it.
 */
public final class TestCluster {

    private static final int START_ATTEMPTS = 10;

    private TestCluster() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TestCluster <work folder> <endpoints file> [nodes]");
            System.exit(2);
        }
        int status = 0;
        try {
            run(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // Solr and ZooKeeper leave non-daemon threads behind, also when they fail.
        System.exit(status);
    }

    private static void run(Path work, Path endpoints, int nodes) throws Exception {
        Files.createDirectories(work);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, work).build();
        try {
            cluster.waitForAllNodes(60);
            publish(endpoints, cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                    .collect(Collectors.joining("\n", "", "\n")));
            // The cluster forgets a node it stopped; the test names nodes by their place in the endpoints file.
            List<JettySolrRunner> started = List.copyOf(cluster.getJettySolrRunners());
            serve(cluster, started, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    endpoints.resolveSibling(endpoints.getFileName() + ".done"));
        } finally {
            cluster.shutdown();
        }
    }

    /** Written beside the file and renamed, so a reader never sees half of it. */
    private static void publish(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the commands read until the input ends. */
    private static void serve(MiniSolrCloudCluster cluster, List<JettySolrRunner> nodes, BufferedReader commands, Path done)
            throws Exception {
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.strip().split(" ");
            if (words.length != 2) throw new IllegalArgumentException("unknown command: " + line);
            JettySolrRunner node = nodes.get(Integer.parseInt(words[1]));
            switch (words[0]) {
                case "stop" -> {
                    cluster.stopJettySolrRunner(node);
                    cluster.waitForJettyToStop(node);
                }
                case "start" -> start(cluster, node);
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
            Files.writeString(done, line.strip() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * Starts a stopped node on its old port, which Solr names the node by: on another one its replicas would stay
     * down. The port may still be held for a moment after the stop, so binding it is tried again a few times.
     */
    private static void start(MiniSolrCloudCluster cluster, JettySolrRunner node) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.startJettySolrRunner(node, true);
                break;
            } catch (Exception e) {
                if (attempt == START_ATTEMPTS) throw e;
                System.err.println("starting the node again failed (" + e + "); trying again");
                Thread.sleep(1000);
            }
        }
        cluster.waitForNode(node, 120);
    }
}
