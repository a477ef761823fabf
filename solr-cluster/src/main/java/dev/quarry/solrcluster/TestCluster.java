package dev.quarry.solrcluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A SolrCloud of embedded ZooKeeper and Solr nodes on 127.0.0.1 for Quarry's tests of its Solr backend, run by them
 * in a JVM of its own. Arguments: a working folder, the file to publish the nodes' base URLs in (one per line,
 * written once every node is up), and the number of nodes (default 2). It holds no configsets or collections: Quarry
 * creates its own. It stops, and deletes nothing, when its standard input closes, so it never outlives the test
 * JVM that started it.
 */
public final class TestCluster {

    private TestCluster() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TestCluster <work folder> <endpoints file> [nodes]");
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        Path endpoints = Path.of(args[1]);
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Files.createDirectories(work);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, work).build();
        int status = 0;
        try {
            cluster.waitForAllNodes(60);
            publish(endpoints, cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                    .collect(Collectors.joining("\n", "", "\n")));
            drain(System.in);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            cluster.shutdown();
        }
        // Solr and ZooKeeper leave non-daemon threads behind.
        System.exit(status);
    }

    /** Written beside the file and renamed, so a reader never sees half of it. */
    private static void publish(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Only the end of the stream matters.
        }
    }
}
