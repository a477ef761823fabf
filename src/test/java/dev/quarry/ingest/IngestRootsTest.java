package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRootsTest {

    @TempDir
    Path tmp;

    @Test
    void folders_inside_a_root_resolve_to_their_real_path() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("docs/notes"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("docs")));

        assertThat(roots.resolve("notes").folder()).isEqualTo(root.toRealPath());
        assertThat(roots.resolve(root.toString()).root()).isEqualTo(tmp.resolve("docs").toRealPath());
        assertThat(roots.resolve("notes/../notes/.").folder()).isEqualTo(root.toRealPath());
    }

    @Test
    void dot_dot_tricks_absolute_paths_and_symlinks_out_are_refused() throws Exception {
        Files.createDirectories(tmp.resolve("docs"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.createSymbolicLink(tmp.resolve("docs/escape"), secret);
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("docs")));

        for (String attempt : List.of("../secret", "../../etc", secret.toString(), "escape", "/etc", "./../docs/../secret")) {
            assertThatThrownBy(() -> roots.resolve(attempt)).as(attempt).isInstanceOf(IngestRoots.OutsideRootsException.class);
        }
    }

    @Test
    void a_missing_folder_inside_a_root_is_reported_as_missing() throws Exception {
        Files.createDirectories(tmp.resolve("docs"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("docs")));

        assertThatThrownBy(() -> roots.resolve("nope")).isInstanceOf(IngestException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new IngestRoots(List.of()).resolve("x")).isInstanceOf(IngestRoots.OutsideRootsException.class)
                .hasMessageContaining("no ingest roots");
    }
}
