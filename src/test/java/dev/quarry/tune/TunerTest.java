package dev.quarry.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.search.FusionSettings;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tuning on a collection whose users ask in other words than its documents use: each topic's documents say
 * "alpha3 …" and its questions say "gamma3 …", so neither the (bag-of-words) vectors nor BM25 connect them until
 * an adapter learns to.
 */
class TunerTest {

    private static final int TOPICS = 12;
    private static final Tuner.Settings SETTINGS = new Tuner.Settings(
            new AdapterTrainer.Settings(TOPICS, 1e-4, 0.05, 30, 0.01, 16, 7), 4, 40, 10);

    @TempDir
    Path dir;

    private final FakeEmbedder embedder = new FakeEmbedder();
    private LuceneChunkIndex index;

    @BeforeEach
    void fill() {
        index = LuceneChunkIndex.open(dir, IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
        for (int t = 0; t < TOPICS; t++) {
            for (int d = 0; d < 3; d++) {
                String docId = "topic" + t + "/doc" + d + ".md";
                String text = "alpha" + t + " report number" + d + " of topic" + t;
                index.replaceDocument(docId, List.of(new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, "",
                        "", text, 0, text.length(), 0, "h", 0L, "markdown", List.of(), FakeEmbedder.vector(text))));
            }
        }
        index.commit();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static Map<String, Map<String, Integer>> judged(int perTopic) {
        Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
        for (int q = 0; q < perTopic; q++) {
            for (int t = 0; t < TOPICS; t++) {
                judged.put("gamma" + t + " question" + q,
                        Map.of("topic" + t + "/doc0.md", 1, "topic" + t + "/doc1.md", 1, "topic" + t + "/doc2.md", 1));
            }
        }
        return judged;
    }

    @Test
    void learnsWhatUsersMeanAndShowsItOnQueriesItDidNotLearnFrom() {
        TuningReport report = new Tuner(index, embedder, FusionSettings.DEFAULT, SETTINGS).tune(judged(5), m -> { });

        assertThat(report.queries()).isEqualTo(60);
        assertThat(report.folds()).isEqualTo(4);
        assertThat(report.tunedVector().ndcg10()).isGreaterThan(report.untunedVector().ndcg10() + 0.3);
        assertThat(report.improves()).isTrue();
        assertThat(report.adapter().distanceFromIdentity()).isPositive();
    }

    @Test
    void saysHowManyMoreJudgedQueriesItNeeds() {
        Map<String, Map<String, Integer>> judged = judged(3);
        judged.put("gamma1 lost", Map.of("not/indexed.md", 1));
        assertThatThrownBy(() -> new Tuner(index, embedder, FusionSettings.DEFAULT, SETTINGS).tune(judged, m -> { }))
                .isInstanceOf(NotEnoughJudgmentsException.class)
                .hasMessageContaining("at least 40")
                .hasMessageContaining("it has 36 (1 more name only documents it does not hold)")
                .hasMessageContaining("judge 4 more");
    }
}
