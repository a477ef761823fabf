package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.config.ServerConfig;
import dev.quarry.security.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server file: found while its server runs, ignored once that process is gone, readable by its owner only. */
class ServerFileTest {

    @TempDir
    Path data;

    @Test
    void a_published_file_is_owner_only_and_found_while_its_process_runs() throws Exception {
        ServerFile published = new ServerFile("http://127.0.0.1:4242", ServerFile.newToken());
        published.publish(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ServerFile.path(data)))).isEqualTo("rw-------");
        assertThat(ServerFile.live(data)).contains(published);
        try (var files = Files.list(data)) {
            assertThat(files).as("no temporary file left").containsExactly(ServerFile.path(data));
        }
    }

    @Test
    void a_file_left_by_a_process_that_ended_is_stale_and_ignored() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        new ServerFile("http://127.0.0.1:4242", ended.pid(), 0, ServerFile.newToken()).publish(data);

        assertThat(ServerFile.live(data)).isEmpty();
    }

    @Test
    void a_live_process_that_started_after_the_server_only_reuses_its_number_and_is_ignored() {
        ServerFile mine = new ServerFile("http://127.0.0.1:4242", ServerFile.newToken());
        new ServerFile(mine.url(), mine.pid(), mine.startedMillis() - 60_000, mine.token()).publish(data);

        assertThat(ServerFile.live(data)).isEmpty();
    }

    @Test
    void a_damaged_file_or_none_means_no_server() throws Exception {
        assertThat(ServerFile.live(data)).isEmpty();
        Files.writeString(ServerFile.path(data), "{\"url\": ");
        assertThat(ServerFile.live(data)).isEmpty();
    }

    @Test
    void withdrawing_removes_only_the_servers_own_file() {
        ServerFile first = new ServerFile("http://127.0.0.1:4242", ServerFile.newToken());
        ServerFile second = new ServerFile("http://127.0.0.1:4343", ServerFile.newToken());
        first.publish(data);
        second.publish(data);

        first.withdraw(data);
        assertThat(ServerFile.live(data)).contains(second);
        second.withdraw(data);
        assertThat(ServerFile.path(data)).doesNotExist();
    }

    @Test
    void a_server_on_every_address_is_reached_on_loopback() {
        ApiKeys keys = ApiKeys.parse(List.of("reader:a-reader-key-of-some-length"));
        assertThat(ServerFile.localUrl(new ServerConfig("0.0.0.0", 8080, keys, null, ServerConfig.Limits.DEFAULT), 8080))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(ServerFile.localUrl(new ServerConfig("::", 8080, keys, null, ServerConfig.Limits.DEFAULT), 8081))
                .isEqualTo("http://[::1]:8081");
        assertThat(ServerFile.localUrl(new ServerConfig("127.0.0.1", 0), 39999)).isEqualTo("http://127.0.0.1:39999");
    }
}
