package dev.quarry.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.Vectors;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.ScoredChunk;
import dev.quarry.index.VectorFormat;
import dev.quarry.testing.FakeEmbedder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexes with 7-bit vectors: the graph is quantized, the hits and their scores come from the full vectors. */
class Int7VectorsTest {

    private static final IndexManifest MANIFEST = IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT);
    private static final HnswSettings INT7 = HnswSettings.DEFAULT.withVectors(VectorFormat.INT7);
    private static final int K = 10;
    /** The name a float segment records (the format's constant is not public). */
    private static final String FLOAT_FORMAT = "Lucene99HnswVectorsFormat";

    @TempDir
    Path dir;

    private final Random random = new Random(11);
    private final float[][] vectors = IntStream.range(0, 400).mapToObj(i -> randomVector()).toArray(float[][]::new);

    private float[] randomVector() {
        float[] v = new float[FakeEmbedder.DIMENSIONS];
        for (int d = 0; d < v.length; d++) v[d] = (float) random.nextGaussian();
        Vectors.normalize(v);
        return v;
    }

    private void write(LuceneChunkIndex index, int from, int to) {
        for (int i = from; i < to; i++) {
            String id = i + ".txt";
            index.replaceDocument(id, List.of(new IndexedChunk(IndexedChunk.chunkId(id, 0), id, id, "", "", "text " + i,
                    0, 0, 0, "h", 0, "txt", List.of(), vectors[i])));
        }
        index.commit();
    }

    private Set<String> exactTopK(float[] query, int n) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(i -> -Vectors.dot(vectors[i], query)))
                .limit(K).map(i -> i + ".txt").collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void int7_finds_the_exact_neighbours_and_scores_them_with_the_full_vectors() throws IOException {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST, INT7)) {
            write(index, 0, vectors.length);
            double recall = 0;
            for (int q = 0; q < 30; q++) {
                float[] query = randomVector();
                List<ScoredChunk> hits = index.vectorSearch(query, K, ChunkFilter.NONE);
                Set<String> exact = exactTopK(query, vectors.length);
                recall += hits.stream().filter(h -> exact.contains(h.chunk().docId())).count() / (double) K;
                for (ScoredChunk hit : hits) {
                    float[] stored = vectors[Integer.parseInt(hit.chunk().docId().replace(".txt", ""))];
                    assertThat(hit.score()).isCloseTo(Vectors.dot(stored, query), within(1e-5f));
                }
            }
            assertThat(recall / 30).isGreaterThanOrEqualTo(0.98);
        }
        assertThat(segmentFormats()).containsOnly(Lucene104HnswScalarQuantizedVectorsFormat.NAME);
    }

    @Test
    void a_float_index_reopened_as_int7_writes_new_segments_as_int7_and_searches_both() throws IOException {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST)) {
            write(index, 0, 200);
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, MANIFEST, INT7)) {
            write(index, 200, vectors.length);
            assertThat(segmentFormats()).containsOnly(FLOAT_FORMAT, Lucene104HnswScalarQuantizedVectorsFormat.NAME);
            for (int i : new int[] {3, 250}) {
                assertThat(index.vectorSearch(vectors[i], 1, ChunkFilter.NONE).getFirst().chunk().docId()).isEqualTo(i + ".txt");
            }
        }
    }

    /** The vector format each committed segment names. */
    private Set<String> segmentFormats() throws IOException {
        Set<String> formats = new HashSet<>();
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                formats.add(leaf.reader().getFieldInfos().fieldInfo(IndexFields.VECTOR).getAttribute("PerFieldKnnVectorsFormat.format"));
            }
        }
        return formats;
    }
}
