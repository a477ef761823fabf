package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training run of the JVM's ahead-of-time cache, which {@code scripts/quarry} makes once per build: in one JVM,
 * what {@code serve} does up to its first answers (load the model, open an index, start the server, answer
 * {@code /readyz} and a search), and then what {@code search}, {@code chat} and {@code clusters} do through that
 * server and in-process. The JVM records the classes these load and link, and the next commands start with them
 * ready. It works in a folder of its own, with a few small documents, and leaves nothing behind.
 */
@Command(name = StartupTrainingCommand.NAME, hidden = true, description = "Train the JVM's start-up cache (scripts/quarry runs it).")
final class StartupTrainingCommand implements Callable<Integer> {

    static final String NAME = "train-startup-cache";

    private static final Map<String, String> DOCUMENTS = Map.of(
            "bread/starter.md", "# Keeping a Starter Alive\n\nFeed the sourdough starter flour and water every day. A healthy starter doubles in six hours.",
            "bread/crust.md", "# A Crisp Crust\n\nBake the loaf in a hot covered pot, then uncover it so the crust browns and crackles.",
            "sky/meteors.md", "# Watching Meteor Showers\n\nThe Perseids peak in August; find a dark sky and let your eyes adapt.",
            "sky/moon.md", "# Phases of the Moon\n\nThe moon waxes from new to full in about two weeks, lit by the sun from changing angles.",
            "bikes/chain.md", "# Cleaning a Bicycle Chain\n\nDegrease the chain, rinse it, dry it and oil each link sparingly.",
            "bikes/tyres.md", "# Tyre Pressure\n\nWider tyres run at lower pressure; check it weekly with a gauge before riding.");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("quarry-startup-training");
        try {
            Path docs = Files.createDirectories(work.resolve("docs"));
            for (var d : DOCUMENTS.entrySet()) {
                Path file = docs.resolve(d.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, d.getValue());
            }
            Path configFile = Files.writeString(work.resolve("quarry.yaml"), "");
            Map<String, String> env = Map.of("QUARRY_DATA", work.resolve("data").toString(), "QUARRY_CONFIG", configFile.toString());
            QuarryConfig config = ConfigLoader.load(env);
            try (Quarry quarry = Quarry.open(config, env)) {
                quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
                serveAndCall(quarry, config, env);
            }
            return check(Main.run(env, "search", "sourdough starter", "--no-server"));
        } finally {
            delete(work);
        }
    }

    private static void serveAndCall(Quarry quarry, QuarryConfig config, Map<String, String> env) throws Exception {
        try (ApiServer api = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start()) {
            ServerFile published = new ServerFile(ServerFile.localUrl(config.server(), api.port()), ServerFile.newToken());
            published.publish(config.dataDir());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(published.url() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() != 200) throw new IllegalStateException("not ready: " + ready.body());
            check(Main.run(env, "search", "sourdough starter", "-k", "3"));
            check(Main.run(env, "chat", "when do the Perseids peak?"));
            check(Main.run(env, "clusters", "--format", "csv"));
            published.withdraw(config.dataDir());
        }
    }

    private static int check(int exit) {
        if (exit != 0) throw new IllegalStateException("a training command failed with exit code " + exit);
        return 0;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
