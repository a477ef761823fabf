package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.Folders;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping: no new connections, requests in flight finish, the index is committed, the process exits 0. */
class GracefulShutdownIT {

    /** Whether the listener is closed: a bare connect, since an HTTP probe caught in the closing could hang. */
    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void a_request_in_flight_finishes_while_the_server_stops() throws Exception {
        try (FakeOpenAiServer upstream = new FakeOpenAiServer()) {
            Path tmp = Files.createTempDirectory("quarry-stop-it");
            Path docs = Folders.write(tmp, "docs/bread.md", "# Sourdough\n\nFeed the starter flour and water every day.").getParent();
            Path yaml = Folders.write(tmp, "quarry.yaml", """
                    chat:
                      deployments:
                        - name: slow
                          kind: openai
                          endpoint: %s
                          model: m
                          apiKeyEnv: K
                          maxRetries: 0
                    """.formatted(upstream.openAiBaseUrl()));
            Map<String, String> env = Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString(), "K", "k");
            QuarryConfig config = ConfigLoader.load(env);
            try (Quarry quarry = Quarry.open(config, env)) {
                quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
                ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start();
                CountDownLatch release = new CountDownLatch(1);
                upstream.reply(new FakeOpenAiServer.Reply.Held(release));
                HttpClient client = HttpClient.newHttpClient();
                CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/chat")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"strictness\":0.1,\"messages\":[{\"role\":\"user\",\"content\":\"how do I feed a starter?\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Await.until("the chat reached the upstream", () -> !upstream.requests().isEmpty());

                int port = server.port();
                Thread stopper = Thread.ofPlatform().start(server::close);
                // The listener closes at once; the answer being generated still arrives whole.
                Await.until("the listener is closed", () -> refused(port));
                assertThat(stopper.isAlive()).as("the stop waits for the request in flight").isTrue();
                release.countDown();
                HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("Too late.");
                stopper.join(Duration.ofSeconds(20));
                assertThat(stopper.isAlive()).isFalse();
            }
        }
    }

    @Test
    void sigterm_stops_the_serve_command_cleanly_with_exit_code_zero() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-sigterm-it");
        Path docs = Folders.write(tmp, "docs/bread.md", "# Sourdough\n\nFeed the starter flour and water every day.").getParent();
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.quarry.cli.Main", "serve", "--port", "0", "--ingest", docs.toString())
                .redirectErrorStream(true);
        builder.environment().put("QUARRY_DATA", tmp.resolve("data").toString());
        builder.environment().put("QUARRY_CONFIG", Files.writeString(tmp.resolve("q.yaml"), "").toString());
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Quarry is ready at")) break;
            }
            assertThat(process.isAlive()).as(String.join("\n", lines)).isTrue();
            // Process.destroy() would also close our end of its output, losing the lines that show the orderly stop.
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
            for (String line; (line = out.readLine()) != null; ) lines.add(line);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(String.join("\n", lines)).contains("Stopped cleanly");
        assertThat(Files.readAllLines(tmp.resolve("data/logs/quarry.log"))).as("the configuration logged is the one used, --port included")
                .anySatisfy(l -> assertThat(l).contains("Configuration:", "port=0"));
        assertThat(lines).as("the console shows the lifecycle, not every setting").noneMatch(l -> l.contains("Configuration:"));
    }
}
