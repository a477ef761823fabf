package dev.quarry.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.Embedder;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.EmbeddingException;
import dev.quarry.embed.ModelInfo;
import dev.quarry.embed.ModelLoader;
import dev.quarry.embed.Pooling;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.index.VectorFormat;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collections on disk, with a fake embedder: the default one, sources, and data folders from before collections. */
class CollectionsTest {

    @TempDir
    Path tmp;

    private QuarryConfig config() {
        return ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("data").toString()));
    }

    private Quarry open() {
        return Quarry.open(config(), Map.of(), embedding -> new FakeEmbedder());
    }

    private Path folder(String name, String... files) {
        Path folder = tmp.resolve(name);
        for (String file : files) Folders.write(folder, file, "# " + file + "\n\nSome words about " + file + " to index.");
        return folder;
    }

    @Test
    void a_data_folder_from_before_collections_opens_as_the_default_collection_without_embedding_again() throws Exception {
        Path docs = folder("docs", "a.md", "guide/b.md");
        try (Quarry quarry = open()) {
            quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        }
        // What an index written before collections records: one source folder, under the old key.
        Path index = new IndexLocation(config().dataDir(), "default").current();
        try (FSDirectory dir = FSDirectory.open(index); IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
            Map<String, String> data = new HashMap<>(DirectoryReader.listCommits(dir).getLast().getUserData());
            data.remove("quarry.sources");
            data.put("quarry.source.root", docs.toRealPath().toString());
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        java.nio.file.Files.deleteIfExists(tmp.resolve("data/default/collection.json"));

        try (Quarry quarry = open()) {
            Collection collection = quarry.defaultCollection();
            assertThat(collection.spec().sources()).containsExactly(new Source("", docs.toRealPath()));
            IngestReport again = collection.ingest(docs, null, IngestProgress.NONE, () -> false);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(again.added() + again.updated() + again.deleted() + again.chunksEmbedded()).isZero();
            assertThat(collection.index().documentHashes()).containsOnlyKeys("a.md", "guide/b.md");
        }
    }

    @Test
    void a_second_folder_becomes_a_source_of_its_own_and_the_first_keeps_its_documents() throws Exception {
        Path docs = folder("docs", "a.md");
        Path wiki = folder("wiki", "a.md", "b.md");
        try (Quarry quarry = open()) {
            Collection collection = quarry.defaultCollection();
            collection.ingest(docs, null, IngestProgress.NONE, () -> false);
            IngestReport second = collection.ingest(wiki, null, IngestProgress.NONE, () -> false);

            assertThat(second.added()).isEqualTo(2);
            assertThat(second.deleted()).isZero();
            assertThat(collection.index().documentHashes()).containsOnlyKeys("a.md", "wiki/a.md", "wiki/b.md");
            // Syncing the first folder again leaves the second's documents alone.
            Folders.write(docs, "c.md", "# c\n\nA new file.");
            IngestReport resync = collection.ingest(docs, null, IngestProgress.NONE, () -> false);
            assertThat(resync.added()).isEqualTo(1);
            assertThat(resync.deleted()).isZero();
            assertThat(collection.index().documentHashes()).containsOnlyKeys("a.md", "c.md", "wiki/a.md", "wiki/b.md");
        }
        try (Quarry quarry = open()) {
            assertThat(quarry.defaultCollection().spec().sources()).extracting(Source::name).containsExactlyInAnyOrder("", "wiki");
        }
    }

    @Test
    void a_source_name_in_use_for_another_folder_is_refused_naming_the_field() throws Exception {
        Path one = folder("one/manual", "a.md");
        Path two = folder("two/manual", "b.md");
        try (Quarry quarry = open()) {
            Collection manuals = quarry.collections().create(quarry.collections().describe("manuals", null, null));
            manuals.ingest(one, null, IngestProgress.NONE, () -> false);

            assertThatThrownBy(() -> manuals.ingest(two, null, IngestProgress.NONE, () -> false))
                    .isInstanceOfSatisfying(QuarryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(QuarryException.Kind.CONFLICT);
                        assertThat(e.field()).isEqualTo("source");
                    });
            manuals.ingest(two, "manual-2", IngestProgress.NONE, () -> false);
            assertThat(manuals.index().documentHashes()).containsOnlyKeys("manual/a.md", "manual-2/b.md");
            assertThat(manuals.spec().sources()).extracting(Source::name).containsExactly("manual", "manual-2");
            assertThat(List.of(manuals.spec().sources().get(1).folder())).containsExactly(two.toRealPath());
        }
    }

    @Test
    void a_collection_keeps_its_vector_format_and_one_described_before_the_setting_holds_float_vectors() throws Exception {
        Map<String, String> int7 = Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_INDEX_VECTORS", "int7");
        try (Quarry quarry = Quarry.open(ConfigLoader.load(int7), Map.of(), embedding -> new FakeEmbedder())) {
            assertThat(quarry.defaultCollection().spec().vectors()).isEqualTo(VectorFormat.INT7);
            quarry.collections().create(quarry.collections().describe("configured", null, null));
            quarry.collections().create(quarry.collections().describe("exact", null, null, VectorFormat.FLOAT));
            quarry.collections().create(quarry.collections().describe("older", null, null));
        }
        Path older = tmp.resolve("data/older/collection.json");
        Files.writeString(older, Files.readString(older).replaceAll(",?\\s*\"vectors\"\\s*:\\s*\"int7\"", ""));
        assertThat(Files.readString(older)).doesNotContain("vectors");
        try (Quarry quarry = open()) {
            assertThat(quarry.collections().all()).extracting(Collection::name, c -> c.spec().vectors()).containsExactly(
                    tuple("default", VectorFormat.FLOAT), tuple("configured", VectorFormat.INT7),
                    tuple("exact", VectorFormat.FLOAT), tuple("older", VectorFormat.FLOAT));
        }
    }

    @Test
    void a_model_known_before_it_loads_loads_while_the_index_opens_and_must_load_as_it_was_declared() throws Exception {
        FakeEmbedder fake = new FakeEmbedder();
        Path lock = new IndexLocation(config().dataDir(), "default").current().resolve(IndexWriter.WRITE_LOCK_NAME);
        // The load finishes only once the index holds its write lock: opened one after the other, this would never open.
        ModelLoader waitsForTheIndex = declaring(fake.model(), () -> {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(lock)) {
                if (System.nanoTime() > deadline) throw new AssertionError("the index did not open while the model loaded");
                Thread.onSpinWait();
            }
            return fake;
        });
        try (Quarry quarry = Quarry.open(config(), Map.of(), waitsForTheIndex)) {
            assertThat(quarry.defaultCollection().embedder().model()).isEqualTo(fake.model());
        }

        QuarryConfig elsewhere = ConfigLoader.load(Map.of("QUARRY_DATA", tmp.resolve("other").toString()));
        ModelInfo declared = new ModelInfo(fake.model().id(), FakeEmbedder.DIMENSIONS * 2, Pooling.MEAN, "", "", 512);
        assertThatThrownBy(() -> Quarry.open(elsewhere, Map.of(), declaring(declared, FakeEmbedder::new)).close())
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("not as configured");
        // The index it had opened meanwhile is closed: its lock is released.
        LuceneChunkIndex.ensureNotInUse(new IndexLocation(elsewhere.dataDir(), "default").current());
    }

    private static ModelLoader declaring(ModelInfo declared, Supplier<Embedder> load) {
        return new ModelLoader() {
            @Override
            public Embedder load(EmbeddingConfig embedding) {
                return load.get();
            }

            @Override
            public Optional<ModelInfo> declared(EmbeddingConfig embedding) {
                return Optional.of(declared);
            }
        };
    }
}
