package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.index.IndexLocation;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry snapshot …} on a data folder no server holds; a fake model filled the index, and none is loaded here. */
class SnapshotCommandTest {

    @TempDir
    Path tmp;

    private Quarry open(Map<String, String> env) {
        return Quarry.open(ConfigLoader.load(env), Map.of(), embedding -> new FakeEmbedder());
    }

    @Test
    void a_snapshot_is_taken_exported_and_restored_into_a_new_collection_and_over_the_old_one() throws Exception {
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString());
        Path docs = tmp.resolve("docs");
        Folders.write(docs, "vacuum.md", "# Vacuum\n\nVacuum reclaims storage held by dead rows.");
        Map<String, String> before;
        try (Quarry quarry = open(env)) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            before = quarry.defaultCollection().index().documentHashes();
        }

        Captured created = Captured.run(env, "snapshot", "create");
        assertThat(created.exit()).as(created.err()).isZero();
        String id = created.out().split(" ")[1];
        assertThat(Captured.run(env, "snapshot", "list").out()).startsWith(id).contains("1 documents");
        Path archive = tmp.resolve("backup.tar");
        assertThat(Captured.run(env, "snapshot", "export", id, archive.toString()).exit()).isZero();

        Folders.write(docs, "backup.md", "# Backup\n\nA dump restores the database.");
        try (Quarry quarry = open(env)) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            Captured inUse = Captured.run(env, "snapshot", "restore", id, "--replace");
            assertThat(inUse.exit()).isEqualTo(1);
            assertThat(inUse.err()).contains("in use by another Quarry process");
        }
        Captured into = Captured.run(env, "snapshot", "restore", archive.toString(), "--into", "copy");
        assertThat(into.exit()).as(into.err()).isZero();
        Path generation = new IndexLocation(tmp.resolve("data"), "default").current();
        Captured replaced = Captured.run(env, "snapshot", "restore", id, "--replace");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(new IndexLocation(tmp.resolve("data"), "default").current()).isNotEqualTo(generation);
        assertThat(new IndexLocation(tmp.resolve("data"), "default").previous()).as("kept for rollback").contains(generation);

        try (Quarry quarry = open(env)) {
            assertThat(quarry.collection("copy").index().documentHashes()).isEqualTo(before);
            assertThat(quarry.defaultCollection().index().documentHashes()).isEqualTo(before);
        }
        assertThat(Captured.run(env, "snapshot", "restore", archive.toString(), "--into", "copy").err()).contains("already exists");
        assertThat(Captured.run(env, "snapshot", "restore", "no-such", "--into", "other").err())
                .contains("no-such is neither a file nor a snapshot of collection 'default'");
        assertThat(Captured.run(env, "snapshot", "delete", id).exit()).isZero();
        assertThat(Captured.run(env, "snapshot", "list").out()).isEmpty();
    }
}
