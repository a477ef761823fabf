package dev.quarry.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.testing.Await;
import dev.quarry.testing.FakeEmbedder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of the disk under an index: a full disk, a lost commit point, flipped bytes. None may lose data silently. */
class IndexFaultsTest {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);

    @TempDir
    Path dir;

    private static IndexedChunk chunk(String docId, String text) {
        return new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, "Title of " + docId, "", text, 0,
                text.length(), 0, "hash-" + docId, 1_700_000_000_000L, "text", List.of(), FakeEmbedder.vector(text));
    }

    private static void fill(LuceneChunkIndex index, String prefix, int documents) {
        for (int i = 0; i < documents; i++) {
            index.replaceDocument(prefix + i + ".txt", List.of(chunk(prefix + i + ".txt", "river number " + i + " " + "word ".repeat(50))));
        }
    }

    /** A directory whose writes fail with "No space left on device" while {@code full} is set. */
    private static final class FullDisk extends FilterDirectory {
        final AtomicBoolean full = new AtomicBoolean();

        FullDisk(Directory in) {
            super(in);
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            if (full.get()) throw new IOException("No space left on device");
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            if (full.get()) throw new IOException("No space left on device");
            return super.createTempOutput(prefix, suffix, context);
        }
    }

    @Test
    void a_full_disk_fails_the_write_and_the_index_recovers_by_itself_when_space_is_back() {
        List<FullDisk> disks = new ArrayList<>();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST, HnswSettings.DEFAULT, d -> {
            FullDisk disk = new FullDisk(d);
            disks.add(disk);
            return disk;
        })) {
            FullDisk disk = disks.getFirst();
            fill(index, "kept-", 20);
            index.commit();

            disk.full.set(true);
            assertThatThrownBy(() -> {
                fill(index, "lost-", 20);
                index.commit();
            }).isInstanceOf(IndexException.class).hasMessageContaining("No space left on device");
            assertThat(index.keywordSearch("river", 100, ChunkFilter.NONE)).as("searches go on").hasSizeGreaterThanOrEqualTo(20);

            disk.full.set(false);
            fill(index, "later-", 5);
            index.commit();
            assertThat(index.problems()).isEmpty();
            Set<String> ids = index.documentHashes().keySet();
            assertThat(ids).as("the committed documents survive").containsAll(
                    Stream.iterate(0, i -> i + 1).limit(20).map(i -> "kept-" + i + ".txt").toList());
            assertThat(ids).contains("later-4.txt");
        }
    }

    @Test
    void segment_files_without_a_commit_point_are_refused_and_never_deleted() throws IOException {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            fill(index, "doc-", 10);
            index.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) Files.delete(f);
        }
        Set<String> before = names(dir);

        assertThatThrownBy(() -> LuceneChunkIndex.open(dir, MANIFEST)).isInstanceOf(IndexException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no commit point").hasMessageContaining("Restore");
        assertThatThrownBy(() -> LuceneChunkIndex.openReadOnly(dir, MANIFEST)).isInstanceOf(IndexException.class)
                .hasMessageContaining("no commit point");
        assertThat(names(dir)).isEqualTo(before);
        assertThat(IndexCheck.run(dir).clean()).isFalse();
    }

    @Test
    void flipped_bytes_are_found_at_open_and_by_the_check() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            fill(index, "doc-", 50);
            index.commit();
            assertThat(IndexCheck.run(dir).clean()).as("a healthy index checks clean, even while open").isTrue();
        }
        // The largest file holds the vectors and stored text (in a compound file, for an index this small).
        Path vectors = names(dir).stream().map(dir::resolve).max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(vectors.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xFF);
        }

        IndexCheck.Result check = IndexCheck.run(dir);
        assertThat(check.clean()).isFalse();
        assertThat(check.problems()).anySatisfy(p -> assertThat(p).contains("damaged"));
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            Await.until("the background check finds the damage", () -> !index.problems().isEmpty());
            assertThat(index.problems()).anySatisfy(p -> assertThat(p).contains("damaged", "quarry check"));
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("write.lock")).collect(Collectors.toSet());
        }
    }
}
