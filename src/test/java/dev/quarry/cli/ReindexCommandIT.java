package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry reindex}, {@code generations} and {@code rollback} on a data folder no server holds, with the real models. */
class ReindexCommandIT {

    @TempDir
    Path tmp;

    @Test
    void reindex_keeps_the_old_generation_which_rollback_makes_live_again() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.");
        Folders.write(docs, "stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky.");
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        assertThat(Captured.run(env, "collections", "create", "notes").exit()).isZero();
        assertThat(Captured.run(env, "ingest", "--collection", "notes", docs.toString()).exit()).isZero();

        Captured reindex = Captured.run(env, "reindex", "notes", "--model", "all-minilm-l6-v2", "--chunk-max-tokens", "128");
        assertThat(reindex.exit()).as(reindex.err()).isZero();
        assertThat(reindex.out()).contains("generation 2 is live (all-minilm-l6-v2", "generation 1 is kept");

        Captured listed = Captured.run(env, "generations", "list", "notes");
        assertThat(listed.out()).contains("1  bge-small-en-v1.5-q, chunks of 256 tokens", "(previous)")
                .contains("2  all-minilm-l6-v2, chunks of 128 tokens").contains("(live)");

        Captured rollback = Captured.run(env, "rollback", "notes");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("notes: generation 1 is live");
        assertThat(Files.readString(tmp.resolve("data/notes/collection.json"))).contains("bge-small-en-v1.5-q");

        Captured live = Captured.run(env, "generations", "delete", "notes", "1");
        assertThat(live.exit()).isEqualTo(1);
        assertThat(live.err()).contains("is live");
        assertThat(Captured.run(env, "generations", "delete", "notes", "2").exit()).isZero();
        assertThat(tmp.resolve("data/notes/index-2")).doesNotExist();

        Captured search = Captured.run(env, "search", "--collection", "notes", "when can I watch shooting stars", "-k", "1");
        assertThat(search.out()).contains("1. Meteor showers");
    }
}
