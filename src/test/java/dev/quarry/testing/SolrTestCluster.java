package dev.quarry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SolrCloud (embedded ZooKeeper and two Solr nodes on 127.0.0.1, free ports) for tests of the Solr backend,
 * run in a JVM of its own from the {@code solr-cluster} build: Solr 9 brings Lucene 9, which cannot share a class
 * path with Quarry's Lucene 10 ({@link Lucene9Build}).
 * One cluster serves every test of a test JVM: it starts on first use, and stops when the JVM exits, since its
 * standard input closes with it. A test that stops nodes starts a cluster of its own.
 */
public final class SolrTestCluster implements AutoCloseable {

    private static final String MAIN = "dev.quarry.solrcluster.TestCluster";
    /** Generous: the cluster starts in seconds on an idle machine, and the machines that run tests are not idle. */
    private static final Duration START_BOUND = Duration.ofMinutes(3);
    private static SolrTestCluster shared;

    private final Process process;
    private final Path work;
    private final List<String> urls;
    private final Path done;
    private int commands;

    private SolrTestCluster(Process process, Path work, List<String> urls, Path done) {
        this.process = process;
        this.work = work;
        this.urls = urls;
        this.done = done;
    }

    /** The test JVM's cluster of two nodes, started on first use. */
    public static synchronized SolrTestCluster shared() {
        if (shared == null) {
            shared = start();
            SolrTestCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "solr-test-cluster-stop"));
        }
        return shared;
    }

    /** The base URLs of the nodes, such as {@code http://127.0.0.1:41234/solr}. */
    public List<String> urls() {
        return urls;
    }

    /** A cluster of two nodes of the caller's own, stopped by {@link #close}. */
    public static SolrTestCluster start() {
        try {
            Path work = Files.createTempDirectory("quarry-solr-cluster-");
            Path endpoints = work.resolve("endpoints");
            Path log = work.resolve("cluster.log");
            Process process = Lucene9Build.java(MAIN, List.of("-Xmx512m"), work.resolve("solr").toString(), endpoints.toString(), "2")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + START_BOUND.toNanos();
            while (!Files.exists(endpoints)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the test SolrCloud did not start (" + (process.isAlive() ? "not within "
                            + START_BOUND.toMinutes() + " min" : "it exited") + "); its log:\n" + tail(log));
                }
                Thread.sleep(50);
            }
            return new SolrTestCluster(process, work, Files.readAllLines(endpoints).stream().filter(l -> !l.isBlank()).toList(),
                    work.resolve("endpoints.done"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the test SolrCloud started", e);
        }
    }

    /** Stops node {@code n} (its URL is {@code urls().get(n)}) and returns once it is down. */
    public synchronized void stopNode(int n) {
        command("stop " + n);
    }

    /** Starts the stopped node {@code n} again, on its old port, and returns once it has joined the cluster. */
    public synchronized void startNode(int n) {
        command("start " + n);
    }

    private void command(String command) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            commands++;
            long deadline = System.nanoTime() + START_BOUND.toNanos();
            while (!Files.exists(done) || Files.readAllLines(done).size() < commands) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the test SolrCloud did not do '" + command + "'; its log:\n"
                            + tail(work.resolve("cluster.log")));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the test SolrCloud did '" + command + "'", e);
        }
    }

    /** Closes the cluster's standard input, which stops it, and deletes its files. */
    @Override
    public void close() {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException ignored) {
            // A cluster that already exited has no input to close.
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(work);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Left in the temporary folder; nothing depends on it.
        }
    }
}
