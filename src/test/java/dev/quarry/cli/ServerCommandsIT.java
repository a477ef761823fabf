package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * search, chat and clusters through a running server, with the real model: the same output as in-process, in-process
 * when the server file is stale, and a start that loads neither the index nor the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCommandsIT {

    private static final Pattern SEARCHES = Pattern.compile("quarry_http_requests_seconds_count\\{[^}]*route=\"/v1/(?:search|chat)\"[^}]*} (\\d+)");

    /**
     * Lucene, ONNX Runtime, the tokenizer, the HTTP server, Quarry's own index and model code, and what a plain HTTP
     * request to the loopback address needs none of: TLS, the JDK's HTTP client, the phone number metadata.
     */
    private static final Pattern HEAVY = Pattern.compile(" (org\\.apache\\.lucene|ai\\.onnxruntime|ai\\.djl|io\\.javalin"
            + "|dev\\.quarry\\.index\\.lucene|dev\\.quarry\\.embed\\.OnnxEmbedder|sun\\.security\\.ssl|java\\.net\\.http"
            + "|com\\.google\\.i18n)");

    @TempDir
    static Path tmp;

    private Quarry quarry;
    private ApiServer server;
    private ServerFile published;
    private Path data;
    private Map<String, String> env;

    @BeforeAll
    void serve() {
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Keeping a Starter Alive\n\nFeed the sourdough starter flour and water every day. "
                + "A healthy starter doubles in six hours at room temperature.");
        Folders.write(docs, "crust.md", "# A Crisp Crust\n\nBake the loaf in a hot covered pot, then uncover it to brown the crust.");
        Folders.write(docs, "stars.md", "# Watching Meteor Showers\n\nThe Perseids peak in August; find a dark sky away from town.");
        Folders.write(docs, "moon.md", "# Phases of the Moon\n\nThe moon waxes from new to full in about two weeks.");
        data = tmp.resolve("data");
        env = Map.of("QUARRY_DATA", data.toString());
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start();
        published = new ServerFile(ServerFile.localUrl(config.server(), server.port()), ServerFile.newToken());
        published.publish(data);
    }

    @AfterAll
    void stop() {
        server.close();
        quarry.close();
    }

    @Test
    void through_the_server_each_command_prints_what_it_prints_in_process() {
        List<List<String>> commands = List.of(List.of("search", "how often do I feed my starter"),
                List.of("search", "perseids", "--mode", "keyword", "-k", "1"), List.of("chat", "When do the Perseids peak?"),
                // CSV: its four decimals; JSON's full floats differ in the last bits between two runs of the clusterer.
                List.of("clusters", "--format", "csv"), List.of("clusters", "--format", "csv", "--k", "2", "--level", "chunk"));
        for (List<String> command : commands) {
            long searches = searchesServed();
            Captured served = Captured.run(env, command.toArray(String[]::new));
            List<String> inProcess = new ArrayList<>(command);
            inProcess.add("--no-server");
            Captured local = Captured.run(env, inProcess.toArray(String[]::new));

            assertThat(served.exit()).as(served.err()).isZero();
            assertThat(served.out()).as(String.join(" ", command)).isNotBlank().isEqualTo(local.out());
            assertThat(served.err()).isEqualTo(local.err());
            if (!command.getFirst().equals("clusters")) assertThat(searchesServed()).as("answered by the server").isGreaterThan(searches);
        }
    }

    @Test
    void a_server_file_left_by_a_killed_server_is_ignored_and_the_command_runs_in_process() throws Exception {
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        new ServerFile(published.url(), killed.pid(), 0, published.token()).publish(data);
        try {
            long searches = searchesServed();
            Captured run = Captured.run(env, "search", "perseids", "-k", "1");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("1. Watching Meteor Showers");
            assertThat(searchesServed()).as("not sent to the server").isEqualTo(searches);
        } finally {
            published.publish(data);
        }
    }

    @Test
    void a_search_through_the_server_loads_neither_the_index_nor_the_model() throws Exception {
        Path classes = tmp.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + classes, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "search", "perseids", "-k", "1");
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARRY_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process search = builder.start();
        String out = new String(search.getInputStream().readAllBytes());
        assertThat(search.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(search.exitValue()).as(out).isZero();
        assertThat(out).startsWith("1. Watching Meteor Showers");
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains(ServerClient.class.getName()));
        assertThat(loaded).as("heavy classes loaded").filteredOn(line -> HEAVY.matcher(line).find()).isEmpty();
    }

    /** Searches and answers the server has served. */
    private long searchesServed() {
        long total = 0;
        Matcher m = SEARCHES.matcher(quarry.metrics().scrape());
        while (m.find()) total += Long.parseLong(m.group(1));
        return total;
    }
}
