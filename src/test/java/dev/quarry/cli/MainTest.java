package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarry command's help, usage errors and configuration errors, and refused commands: none of them loads the model. */
class MainTest {

    @TempDir
    Path tmp;

    @Test
    void help_prints_usage_and_exits_0_in_every_spelling() {
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"-h"})) {
            Captured help = quarry(env, args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).contains("Usage: quarry", "search", "serve", "<data>/logs/quarry.log", "--verbose");
            assertThat(help.err()).isEmpty();
        }
        for (String[] args : List.of(new String[] {"help", "search"}, new String[] {"search", "--help"})) {
            Captured help = quarry(env, args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).contains("Usage: quarry search", "--mode", "--path-prefix");
        }
        assertThat(tmp.resolve("data")).as("help reads no configuration and writes no log").doesNotExist();
    }

    @Test
    void a_wrong_command_option_or_value_is_one_line_naming_it_and_the_one_meant_with_exit_2() {
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        assertUsageError(quarry(env, "serch", "bread"), "quarry: unknown command 'serch'; did you mean 'search'? (commands: serve,");
        assertUsageError(quarry(env, "search", "bread", "--kk", "3"), "quarry: unknown option '--kk' for quarry search; did you mean '--k'?");
        assertUsageError(quarry(env, "clusters", "--format", "xml"), "quarry: --format must be one of json, csv, jsonl (got 'xml')");
        assertUsageError(quarry(env, "eval", "dir", "--fusion", "wieghted"),
                "quarry: --fusion must be one of rrf, weighted, adaptive, distribution (got 'wieghted'; did you mean 'weighted'?)");
        assertUsageError(quarry(env, "search", "bread", "--tuning", "best"),
                "quarry: --tuning must be active, none or a profile version (a positive whole number), got 'best'");
        assertUsageError(quarry(env, "search"), "quarry: Missing required parameter: '<query>' (see 'quarry search --help')");
        assertUsageError(quarry(env), "quarry: a command is needed, one of serve, ingest, search");
    }

    private static void assertUsageError(Captured run, String line) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(line);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_configuration_error_is_one_line_and_exit_1_before_the_command_starts() {
        Captured bad = quarry(Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_FUSION", "fast"), "search", "x");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("quarry: search.fusion.method must be one of rrf, weighted, adaptive, distribution (got 'fast')"
                + System.lineSeparator());
        assertThat(bad.out()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    private static Captured quarry(Map<String, String> env, String... args) {
        return Captured.run(env, args);
    }
}
