package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.Backend;
import dev.quarry.testing.Folders;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The quarry command end to end, in-process, with the real model. */
class CliIT {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run quarry(Map<String, String> env, String... args) {
        Captured run = Captured.run(env, args);
        return new Run(run.exit(), run.out(), run.err());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ingest_then_search_then_reingest_embeds_only_what_changed(Backend backend) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.");
        Folders.write(docs, "stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky.");
        Map<String, String> env = backend.env(tmp, "cli-it", "");

        Run ingest = quarry(env, "ingest", docs.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("2 files: 2 added", "chunks/s");

        Run search = quarry(env, "search", "when can I watch shooting stars", "-k", "1", "--mode", "vector");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("1. Meteor showers", "stars.txt");

        Folders.write(docs, "bread.md", "# Sourdough\n\nRye needs a longer proof.");
        Files.delete(docs.resolve("stars.txt"));
        Run again = quarry(env, "ingest", docs.toString());
        assertThat(again.out()).contains("0 added, 1 updated, 0 unchanged, 1 deleted");
        backend.delete("cli-it");
    }

    @Test
    void errors_are_one_clear_line_and_a_non_zero_exit() {
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());

        Run missing = quarry(env, "ingest", tmp.resolve("no-such-folder").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("quarry: folder", "does not exist");

        Run noIndex = quarry(Map.of("QUARRY_DATA", tmp.resolve("empty").toString()), "search", "anything");
        assertThat(noIndex.exit()).isEqualTo(1);
        assertThat(noIndex.err()).contains("no index", "quarry ingest");

        Run badConfig = quarry(Map.of("QUARRY_PORT", "http"), "serve");
        assertThat(badConfig.exit()).isEqualTo(1);
        assertThat(badConfig.err()).contains("server.port must be a whole number");

        Run usage = quarry(env, "serch", "x");
        assertThat(usage.exit()).isEqualTo(2);
    }

    @Test
    void a_normal_command_prints_only_its_output_and_its_log_goes_to_the_data_folder() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.");
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("QUARRY_DATA", data.toString());

        Run ingest = quarry(env, "ingest", docs.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.err().lines()).as("only progress on standard error").allMatch(l -> l.startsWith("ingest: "));
        Run search = quarry(env, "search", "sourdough", "-k", "1");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.err()).isEmpty();
        assertThat(search.out()).startsWith("1. Sourdough").doesNotContain("INFO", "WARN", "\u001b[");
        Path log = data.resolve("logs/quarry.log");
        assertThat(Files.readString(log)).contains("INFO  OnnxEmbedder - Loaded embedding model", "INFO  Ingester - Ingested");

        Run verbose = quarry(env, "search", "sourdough", "-k", "1", "--verbose");
        assertThat(verbose.exit()).isZero();
        assertThat(verbose.err()).contains("INFO  OnnxEmbedder - Loaded embedding model");
        assertThat(verbose.out()).startsWith("1. Sourdough");
    }

    @Test
    void clusters_as_jsonl_are_one_object_per_line_with_nothing_before_it() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 4; i++) {
            Folders.write(docs, "bread-" + i + ".md", "# Bread " + i + "\n\nKnead the dough and let it rise, loaf " + i + ".");
            Folders.write(docs, "stars-" + i + ".md", "# Stars " + i + "\n\nMeteor showers light the night sky, night " + i + ".");
        }
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        assertThat(quarry(env, "ingest", docs.toString()).exit()).isZero();

        Run clusters = quarry(env, "clusters", "--format", "jsonl", "--k", "2");
        assertThat(clusters.exit()).as(clusters.err()).isZero();
        List<String> lines = clusters.out().lines().toList();
        assertThat(lines).hasSize(8);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            assertThat(line).startsWith("{\"cluster\":").endsWith("}");
            assertThat(json.readTree(line).get("docId").asText()).endsWith(".md");
        }
    }

    @Test
    void through_the_launch_script_a_search_shows_no_jvm_or_log_lines_and_serve_suggests_an_indexed_title() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Keeping a Starter Alive\n\nFeed the starter flour and water every day.");
        Folders.write(docs, "stars.md", "# Watching Meteor Showers\n\nThe Perseids peak in August; find a dark sky.");
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("QUARRY_DATA", data.toString());
        assertThat(quarry(env, "ingest", docs.toString()).exit()).isZero();

        Process search = launch(env, "search", "perseids", "-k", "1");
        String searchOut = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String searchErr = new String(search.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(search.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(search.exitValue()).as(searchErr).isZero();
        assertThat(searchErr).as("no JVM notice, no log line").isEmpty();
        assertThat(searchOut).startsWith("1. Watching Meteor Showers");
        assertThat(Files.readString(data.resolve("logs/quarry.log"))).contains("vector incubator API enabled");

        Process serve = launch(env, "serve", "--port", "0");
        StringBuilder err = new StringBuilder();
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                err.append(new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                err.append(e);
            }
        });
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                out.add(line);
                if (line.startsWith("Press Ctrl+C")) break;
            }
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start().waitFor()).isZero();
            for (String line; (line = reader.readLine()) != null; ) out.add(line);
        }
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errReader.join();
        String console = String.join("\n", out) + "\n" + err;
        assertThat(serve.exitValue()).as(console).isZero();
        assertThat(String.join("\n", out)).contains("\"query\": \"Keeping a Starter Alive\"");
        assertThat(console).contains("INFO  ApiServer - Quarry is listening on", "Stopped cleanly")
                .doesNotContain("WARNING", "Loaded embedding model", "Configuration:", "vector incubator");
    }

    /** Runs the command as scripts/quarry does, through its JVM launcher in scripts/lib/common.sh, with this build's classes. */
    private Process launch(Map<String, String> env, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source scripts/lib/common.sh && run_jvm -cp \"$CLASSPATH\" dev.quarry.cli.Main \"$@\"", "quarry"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A developer's own QUARRY_ variables would be refused or change the run.
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARRY_"));
        builder.environment().putAll(env);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    @Test
    void sigterm_during_an_ingest_stops_after_the_batch_in_flight_and_the_next_run_resumes() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 200; i++) {
            Folders.write(docs, "note-" + i + ".md", "# Note " + i + "\n\n" + ("Rivers carry water and silt to the sea; note " + i + ". ").repeat(8));
        }
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.quarry.cli.Main", "ingest", docs.toString())
                .directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        Pattern progress = Pattern.compile("ingest: (\\d+)/200 files.*");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                Matcher m = progress.matcher(line);
                if (m.matches() && Integer.parseInt(m.group(1)) > 0) break;
            }
            assertThat(process.isAlive()).as("still ingesting: " + String.join("\n", lines)).isTrue();
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
            for (String line; (line = out.readLine()) != null; ) lines.add(line);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", lines);
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        assertThat(output).contains("stopping (TERM)", "stopped after", "of 200 files", "running it again resumes");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }

        Run check = quarry(env, "check");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("clean");
        Run resumed = quarry(env, "ingest", docs.toString());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        Matcher summary = Pattern.compile("200 files: (\\d+) added, 0 updated, (\\d+) unchanged, 0 deleted").matcher(resumed.out());
        assertThat(summary.find()).as(resumed.out()).isTrue();
        assertThat(Integer.parseInt(summary.group(2))).as("files kept from the stopped run").isPositive();
    }

    @Test
    void check_finds_flipped_bytes_and_exits_3() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 20; i++) Folders.write(docs, "n" + i + ".md", "# Note " + i + "\n\nAbout rivers and the sea, part " + i + ".");
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        assertThat(quarry(env, "ingest", docs.toString()).exit()).isZero();
        Path index = tmp.resolve("data/default/index-1");
        Path largest;
        try (Stream<Path> files = Files.list(index)) {
            largest = files.max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(largest, bytes);

        Run check = quarry(env, "check");
        assertThat(check.exit()).isEqualTo(3);
        assertThat(check.out()).contains("DAMAGED", "Restore the index");
    }

    @Test
    void serve_says_in_one_line_that_its_port_is_taken_before_it_ingests_anything() throws Exception {
        Path docs = Folders.write(tmp, "docs/a.md", "# A\n\nText.").getParent();
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
            Run serve = quarry(env, "serve", "--port", Integer.toString(taken.getLocalPort()), "--ingest", docs.toString());
            assertThat(serve.exit()).isEqualTo(1);
            assertThat(serve.err().strip().lines()).hasSize(1);
            assertThat(serve.err()).contains("server.port " + taken.getLocalPort(), "--port");
            assertThat(serve.out()).doesNotContain("Ingested", "files:");
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }
}
