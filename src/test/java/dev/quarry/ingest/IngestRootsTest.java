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
    void a_relative_folder_is_looked_for_under_every_root_not_only_the_first() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Path notes = Files.createDirectories(tmp.resolve("b/notes"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));

        IngestRoots.Target target = roots.resolve("notes");

        assertThat(target.folder()).isEqualTo(notes.toRealPath());
        assertThat(target.root()).isEqualTo(tmp.resolve("b").toRealPath());
    }

    @Test
    void a_root_answers_to_its_own_folder_name_as_a_server_started_beside_it_is_asked() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("x/sample-corpus"));
        Path cooking = Files.createDirectories(corpus.resolve("cooking"));
        IngestRoots roots = new IngestRoots(List.of(corpus));

        assertThat(roots.resolve("sample-corpus")).isEqualTo(new IngestRoots.Target(corpus.toRealPath(), corpus.toRealPath()));
        assertThat(roots.resolve("sample-corpus/cooking").folder()).isEqualTo(cooking.toRealPath());
        assertThat(roots.resolve("cooking").folder()).isEqualTo(cooking.toRealPath());
    }

    @Test
    void a_relative_folder_found_under_two_roots_is_refused_as_ambiguous() throws Exception {
        Files.createDirectories(tmp.resolve("a/docs"));
        Files.createDirectories(tmp.resolve("b/docs"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));

        assertThatThrownBy(() -> roots.resolve("docs")).isInstanceOf(IngestException.class)
                .hasMessageContaining("more than one ingest root").hasMessageContaining("give its absolute path");
    }

    @Test
    void a_relative_folder_in_no_root_is_reported_with_every_root() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));

        assertThatThrownBy(() -> roots.resolve("sample-corpus")).isInstanceOf(IngestException.class)
                .hasMessageContaining("does not exist in any ingest root")
                .hasMessageContaining(tmp.resolve("a").toRealPath().toString())
                .hasMessageContaining(tmp.resolve("b").toRealPath().toString());
    }

    @Test
    void looking_under_every_root_and_by_root_name_still_never_reaches_outside() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Path docs = Files.createDirectories(tmp.resolve("b/docs"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.createSymbolicLink(docs.resolve("escape"), secret);
        Files.createSymbolicLink(tmp.resolve("a/escape"), secret);
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("a"), docs));

        for (String attempt : List.of("escape", "docs/escape", "docs/../../secret", "docs/..", "../secret", "../b/docs/escape",
                "docs/escape/..", secret.toString())) {
            assertThatThrownBy(() -> roots.resolve(attempt)).as(attempt).isInstanceOf(IngestRoots.OutsideRootsException.class);
        }
    }

    @Test
    void a_path_outside_the_roots_is_refused_alike_whether_it_exists_or_not_even_with_nested_roots() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a/sub"));
        Files.createDirectories(tmp.resolve("secret"));
        IngestRoots roots = new IngestRoots(List.of(tmp.resolve("a"), a));

        // ../secret is tmp/secret from root a, and a/secret (missing, inside a) from root a/sub.
        for (String attempt : List.of("../secret", "../ghost")) {
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
