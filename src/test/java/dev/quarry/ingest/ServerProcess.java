package dev.quarry.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@code quarry} server in a process of its own, as users run it, with its output in a log file. */
final class ServerProcess {

    private ServerProcess() {
    }

    static Process start(Path work, Map<String, String> env, String name, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-cp", System.getProperty("java.class.path"), "dev.quarry.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + name + ".log").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits until {@code /readyz} answers 200 (a start-up ingest comes first), at most ten minutes. */
    static void awaitReady(Process server, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) throw new IllegalStateException("the server exited with " + server.exitValue());
                try {
                    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the server was not ready within ten minutes");
    }

    /** The process's peak resident set (VmHWM), in bytes; 0 where /proc is not available. */
    static long peakRssBytes(Process server) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
