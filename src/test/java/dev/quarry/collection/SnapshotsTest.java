package dev.quarry.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.StorageSettings;
import dev.quarry.error.QuarryException;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a collection with a fake embedder: shared files, deletes, retention, archives and restores. */
class SnapshotsTest {

    @TempDir
    Path tmp;
    private Quarry quarry;
    private Collection collection;
    private Path docs;

    @BeforeEach
    void open() {
        docs = tmp.resolve("docs");
        for (String name : new String[] {"vacuum.md", "backup.md", "replication.md"}) write(name);
        quarry = Quarry.open(config(Map.of()), Map.of(), embedding -> new FakeEmbedder());
        collection = quarry.defaultCollection();
        ingest();
    }

    @AfterEach
    void close() {
        if (quarry != null) quarry.close();
    }

    private QuarryConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("QUARRY_DATA", tmp.resolve("data").toString());
        return ConfigLoader.load(env);
    }

    private void write(String name) {
        Folders.write(docs, name, "# " + name + "\n\n" + ("Words about " + name + " for the index to keep. ").repeat(40));
    }

    private void ingest() {
        collection.ingest(docs, null, IngestProgress.NONE, () -> false);
    }

    private Path blobs() {
        return tmp.resolve("data/default/snapshots/blobs");
    }

    private long blobCount() throws IOException {
        try (Stream<Path> files = Files.list(blobs())) {
            return files.count();
        }
    }

    @Test
    void a_second_snapshot_stores_only_the_files_written_since_the_first() throws IOException {
        Snapshot first = collection.snapshots().create();
        assertThat(first.documents()).isEqualTo(3);
        assertThat(first.addedBytes()).isEqualTo(first.bytes());
        assertThat(first.files()).extracting(Snapshot.SnapshotFile::path).contains("collection.json").anyMatch(p -> p.startsWith("index/segments_"));

        Snapshot unchanged = collection.snapshots().create();
        // Only the new commit point (segments_N) is new.
        assertThat(unchanged.addedBytes()).isLessThan(1_000);

        long indexBefore = collection.diskUse().index();
        write("indexes.md");
        write("locks.md");
        ingest();
        long grown = collection.diskUse().index() - indexBefore;
        Snapshot second = collection.snapshots().create();
        assertThat(second.documents()).isEqualTo(5);
        assertThat(second.addedBytes()).isGreaterThan(0).isLessThan(second.bytes()).isBetween(grown / 2, grown + 1_000);
        assertThat(collection.snapshots().list()).extracting(Snapshot::id).containsExactly(first.id(), unchanged.id(), second.id());
        // Index files are hard-linked into the store: they take no disk twice.
        assertThat(collection.diskUse().snapshots()).isLessThan(10_000);
    }

    @Test
    void deleting_a_snapshot_removes_only_the_files_no_other_snapshot_holds() throws IOException {
        Snapshot first = collection.snapshots().create();
        write("indexes.md");
        ingest();
        Snapshot second = collection.snapshots().create();
        long both = blobCount();

        collection.snapshots().delete(first.id());
        assertThat(blobCount()).isLessThan(both).isEqualTo(second.files().stream().map(Snapshot.SnapshotFile::sha256).distinct().count());
        collection.snapshots().restoreGeneration(second.id(), tmp.resolve("restored"));
        assertThat(tmp.resolve("restored")).isDirectory();

        collection.snapshots().delete(second.id());
        assertThat(blobCount()).isZero();
        assertThatThrownBy(() -> collection.snapshots().delete(second.id())).isInstanceOf(QuarryException.class)
                .hasMessageContaining("has no snapshot '" + second.id() + "'");
    }

    @Test
    void a_restore_into_a_new_collection_holds_what_the_collection_held_when_the_snapshot_was_taken() {
        Map<String, String> atSnapshot = collection.index().documentHashes();
        Snapshot snapshot = collection.snapshots().create();
        write("indexes.md");
        ingest();

        Collection copy = quarry.collections().restore(collection.snapshots().source(snapshot.id()), "copy");
        assertThat(copy.index().documentHashes()).isEqualTo(atSnapshot);
        assertThat(copy.spec().sources()).isEqualTo(collection.spec().sources());
        assertThat(quarry.collection("copy")).isSameAs(copy);
        assertThatThrownBy(() -> quarry.collections().restore(collection.snapshots().source(snapshot.id()), "copy"))
                .isInstanceOf(QuarryException.class).hasMessageContaining("already exists");
    }

    @Test
    void a_served_collection_is_replaced_by_its_snapshot_in_one_swap_keeping_the_state_it_replaced() throws IOException {
        Map<String, String> atSnapshot = collection.index().documentHashes();
        Snapshot snapshot = collection.snapshots().create();
        write("indexes.md");
        ingest();
        Map<String, String> replaced = collection.index().documentHashes();
        int before = collection.generation();

        int live = quarry.collections().generations().restoreSnapshot(collection.name(), snapshot.id());
        assertThat(collection.generation()).isEqualTo(live).isNotEqualTo(before);
        assertThat(collection.index().documentHashes()).isEqualTo(atSnapshot);
        assertThat(quarry.collections().generations().list(collection.name()))
                .anySatisfy(g -> assertThat(g.number() == before && g.previous()).isTrue());
        quarry.collections().generations().rollback(collection.name(), null);
        assertThat(collection.index().documentHashes()).isEqualTo(replaced);

        // A damaged snapshot is refused before anything live changes, and leaves no generation behind.
        Snapshot.SnapshotFile largest = snapshot.files().stream().filter(Snapshot.SnapshotFile::indexFile)
                .max(java.util.Comparator.comparingLong(Snapshot.SnapshotFile::size)).orElseThrow();
        Path blob = blobs().resolve(largest.sha256());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.delete(blob);
        Files.write(blob, bytes);
        int generations = quarry.collections().generations().list(collection.name()).size();
        assertThatThrownBy(() -> quarry.collections().generations().restoreSnapshot(collection.name(), snapshot.id()))
                .hasMessageContaining("is damaged and cannot be restored");
        assertThat(collection.generation()).isEqualTo(before);
        assertThat(collection.index().documentHashes()).isEqualTo(replaced);
        assertThat(quarry.collections().generations().list(collection.name())).hasSize(generations);
    }

    @Test
    void an_exported_archive_restores_elsewhere_and_a_damaged_one_is_refused_naming_the_file() throws IOException {
        Snapshot snapshot = collection.snapshots().create();
        byte[] archive = download(snapshot.id());
        Collection copy = quarry.collections().restore(new SnapshotSource.Archive(new ByteArrayInputStream(archive)), "copy");
        assertThat(copy.index().documentHashes()).isEqualTo(collection.index().documentHashes());

        // A flipped byte in the stored copy of the largest index file travels into the archive.
        Snapshot.SnapshotFile largest = snapshot.files().stream().filter(Snapshot.SnapshotFile::indexFile)
                .max(java.util.Comparator.comparingLong(Snapshot.SnapshotFile::size)).orElseThrow();
        Path blob = blobs().resolve(largest.sha256());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.delete(blob); // A hard link: write a new file rather than change the index's own.
        Files.write(blob, bytes);
        byte[] damaged = download(snapshot.id());
        assertThatThrownBy(() -> quarry.collections().restore(new SnapshotSource.Archive(new ByteArrayInputStream(damaged)), "broken"))
                .isInstanceOf(QuarryException.class).hasMessageContaining("damaged").hasMessageContaining(largest.path())
                .hasMessageContaining("does not match its checksum");
        assertThat(Files.exists(tmp.resolve("data/broken"))).isFalse();
        assertThatThrownBy(() -> collection.snapshots().restoreGeneration(snapshot.id(), tmp.resolve("restored")))
                .hasMessageContaining("is damaged and cannot be restored");

        byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);
        assertThatThrownBy(() -> quarry.collections().restore(new SnapshotSource.Archive(new ByteArrayInputStream(truncated)), "broken"))
                .hasMessageContaining("truncated");
        assertThat(quarry.collections().all()).extracting(Collection::name).containsExactly("default", "copy");
    }

    @Test
    void an_archive_quarry_did_not_write_is_refused_as_foreign() throws IOException {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(other)) {
            TarArchiveEntry entry = new TarArchiveEntry("notes.txt");
            byte[] text = "not a snapshot".getBytes();
            entry.setSize(text.length);
            tar.putArchiveEntry(entry);
            tar.write(text);
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> quarry.collections().restore(new SnapshotSource.Archive(new ByteArrayInputStream(other.toByteArray())), "x"))
                .hasMessage("the archive is not a Quarry snapshot this version can restore: it does not begin with quarry-snapshot.json");
        byte[] noise = "just some text, not a tar archive at all".repeat(30).getBytes();
        assertThatThrownBy(() -> quarry.collections().restore(new SnapshotSource.Archive(new ByteArrayInputStream(noise)), "x"))
                .hasMessageContaining("is not a Quarry snapshot");
        assertThat(Files.exists(tmp.resolve("data/x"))).isFalse();
    }

    @Test
    void retention_keeps_the_newest_snapshots_and_none_older_than_the_maximum_age() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Snapshots snapshots = new Snapshots("default", tmp.resolve("data"), collection.index()::pinCommit,
                new StorageSettings(3, Duration.ofDays(10), 0), clock);
        for (int day = 0; day < 5; day++) {
            snapshots.create();
            now[0] = now[0].plus(Duration.ofDays(1));
        }
        assertThat(snapshots.list()).extracting(s -> s.created().toString())
                .containsExactly("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z");
        now[0] = Instant.parse("2026-01-15T12:00:00Z");
        snapshots.create();
        assertThat(snapshots.list()).extracting(s -> s.created().toString()).containsExactly("2026-01-15T12:00:00Z");
    }

    @Test
    void an_ingest_that_would_take_the_collection_over_its_disk_limit_is_refused_before_it_writes() throws IOException {
        quarry.close();
        long used = collection.diskUse().total();
        quarry = Quarry.open(config(Map.of("QUARRY_DISK_MAX_BYTES_PER_COLLECTION", Long.toString(used + 1_000))), Map.of(),
                embedding -> new FakeEmbedder());
        collection = quarry.defaultCollection();
        Map<String, String> before = collection.index().documentHashes();
        write("indexes.md");
        assertThatThrownBy(this::ingest).isInstanceOf(QuarryException.class)
                .satisfies(e -> assertThat(((QuarryException) e).kind()).isEqualTo(QuarryException.Kind.INSUFFICIENT_STORAGE))
                .hasMessageContaining("over its limit of " + (used + 1_000) + " bytes").hasMessageContaining("Nothing was written");
        assertThat(collection.index().documentHashes()).isEqualTo(before);
        // Files already indexed add nothing: the same folder again is not refused.
        Files.delete(docs.resolve("indexes.md"));
        ingest();
    }

    private byte[] download(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        collection.snapshots().download(id, out);
        return out.toByteArray();
    }
}
