package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.Folders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarry command end to end, in-process, with the real model. */
class CliIT {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run quarry(Map<String, String> env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(env, args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void ingest_then_search_then_reingest_embeds_only_what_changed() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.");
        Folders.write(docs, "stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky.");
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());

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
}
