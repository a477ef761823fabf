package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.cluster.ClusterExport;
import dev.quarry.cluster.ClusterSettings;
import dev.quarry.cluster.Clusterer;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.security.ApiKeys;
import dev.quarry.testing.FakeQuarry;
import dev.quarry.testing.Folders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * search, chat and clusters through a running server that requires API keys, with the fake model. The index holds
 * the fake model's vectors, which the configured model refuses to open: a command that ran in-process would fail, so
 * every answer here came from the server.
 */
class ServerCommandsTest {

    @TempDir
    Path tmp;

    private Quarry quarry;
    private ApiServer server;
    private ServerFile published;
    private Map<String, String> env;

    @BeforeEach
    void serve() {
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Keeping a Starter Alive\n\nFeed the sourdough starter flour and water every day.");
        Folders.write(docs, "crust.md", "# A Crisp Crust\n\nBake the sourdough loaf in a hot pot for a crisp crust.");
        Folders.write(docs, "stars.md", "# Watching Meteor Showers\n\nThe Perseids peak in August; find a dark sky.");
        Folders.write(docs, "moon.md", "# Phases of the Moon\n\nThe moon waxes from new to full in two weeks under a dark sky.");
        Path data = tmp.resolve("data");
        env = Map.of("QUARRY_DATA", data.toString());
        quarry = FakeQuarry.open(data);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        ApiKeys keys = ApiKeys.parse(List.of("admin:an-admin-key-nobody-here-uses"));
        String token = ServerFile.newToken();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, keys, null, ServerConfig.Limits.DEFAULT);
        server = new ApiServer(quarry, ServeCommand.withLocalToken(config, token), new IngestRoots(List.of())).start();
        published = new ServerFile(ServerFile.localUrl(config, server.port()), token);
        published.publish(data);
    }

    @AfterEach
    void stop() {
        server.close();
        quarry.close();
    }

    @Test
    void search_prints_the_servers_hits_as_in_process() {
        Captured run = Captured.run(env, "search", "sourdough starter", "-k", "2");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("1. Keeping a Starter Alive  (").contains("\n   bread.md · Keeping a Starter Alive\n")
                .contains("\n2. A Crisp Crust  (").doesNotContain("3. ");
    }

    @Test
    void chat_streams_the_servers_answer_and_its_numbered_sources() {
        Captured run = Captured.run(env, "chat", "when do the Perseids peak in August?", "--strictness", "0.05");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("The Perseids peak in August", "[1] Watching Meteor Showers — stars.md");
    }

    @Test
    void clusters_are_the_report_the_server_computed_written_as_asked() throws Exception {
        Captured run = Captured.run(env, "clusters", "--format", "csv", "--seed", "7");

        var expected = new ByteArrayOutputStream();
        ClusterExport.CSV.write(new Clusterer(quarry.defaultCollection().index())
                .cluster(new ClusterSettings(ClusterSettings.Level.DOCUMENT, null, 2, 20, 7)), expected);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_servers_problem_is_the_commands_one_line_error_and_exit_code() {
        Captured unknown = Captured.run(env, "search", "bread", "--collection", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("quarry: no collection named 'nope'" + System.lineSeparator());

        new ServerFile(published.url(), published.pid(), published.startedMillis(), "not-the-token").publish(tmp.resolve("data"));
        Captured refused = Captured.run(env, "search", "bread");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("quarry: the API key is not valid" + System.lineSeparator());
    }

    @Test
    void the_status_of_each_problem_maps_back_to_its_kind() {
        assertThat(ServerClient.kind(400)).hasToString("INVALID");
        assertThat(ServerClient.kind(404)).hasToString("NOT_FOUND");
        assertThat(ServerClient.kind(429)).hasToString("TOO_MANY_REQUESTS");
        assertThat(ServerClient.kind(500)).hasToString("INTERNAL");
        assertThat(ServerClient.kind(503)).hasToString("UNAVAILABLE");
        assertThat(Main.exitCode(ServerClient.kind(500))).isEqualTo(70);
    }
}
