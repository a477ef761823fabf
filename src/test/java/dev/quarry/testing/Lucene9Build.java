package dev.quarry.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code solr-cluster} build: what tests run on Lucene 9 (a SolrCloud, an index writer), each in a JVM of its
 * own, since Lucene 9 cannot share a class path with Quarry's Lucene 10. {@code scripts/test} builds it (Maven fetches
 * its dependencies then, as it fetches Quarry's); when it is missing or older than its sources, it is built here
 * offline from what Maven already has.
 */
final class Lucene9Build {

    private static final Path PROJECT = Path.of(System.getProperty("quarry.solr.cluster.dir", "solr-cluster")).toAbsolutePath();

    private Lucene9Build() {
    }

    /** A JVM that runs {@code main} of the build with {@code args}, with this JVM's Java. */
    static ProcessBuilder java(String main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(main), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The build's class path, after compiling it when the class of {@code main} or the class path is missing or stale. */
    private static synchronized String classPath(String main) {
        Path classes = PROJECT.resolve("target/classes");
        Path classPath = PROJECT.resolve("target/classpath.txt");
        try {
            if (stale(classPath) || stale(classes.resolve(main.replace('.', '/') + ".class"))) compile();
            return classes + File.pathSeparator + Files.readString(classPath, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile() throws IOException {
        Path log = Files.createTempFile("quarry-solr-cluster-build-", ".log");
        List<String> mvn = List.of("mvn", "-B", "-q", "-o", "-f", PROJECT.resolve("pom.xml").toString(), "compile");
        ProcessBuilder builder = new ProcessBuilder(mvn).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int status;
        try {
            status = builder.start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + PROJECT, e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (status != 0) {
            throw new IllegalStateException("cannot build " + PROJECT + " offline: run scripts/test once (it lets Maven"
                    + " fetch the build's dependencies). Maven said:\n" + output);
        }
    }

    /** Missing, or older than the build's pom or sources. */
    private static boolean stale(Path output) throws IOException {
        if (!Files.exists(output)) return true;
        long built = Files.getLastModifiedTime(output).toMillis();
        try (Stream<Path> sources = Stream.concat(Stream.of(PROJECT.resolve("pom.xml")), Files.walk(PROJECT.resolve("src")))) {
            return sources.anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() > built;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
