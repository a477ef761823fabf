package dev.quarry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.HnswSettings;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.QueryTuning;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation with a tuning profile searches as the tuned collection does: through the profile's query map. */
class EvaluatorTuningTest {

    @TempDir
    Path dir;

    @Test
    void aTuningProfileMovesTheVectorSearchOfEveryQuery() throws Exception {
        Folders.write(dir, "corpus.jsonl", """
                {"_id": "d1", "title": "", "text": "alpha harbour cranes"}
                {"_id": "d2", "title": "", "text": "beta mountain goats"}
                """);
        Folders.write(dir, "queries.jsonl", "{\"_id\": \"q1\", \"text\": \"alpha harbour question\"}\n");
        Folders.write(dir, "qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td2\t1\n");
        BeirCollection collection = BeirCollection.load(dir);
        FakeEmbedder embedder = new FakeEmbedder();
        float[] goats = FakeEmbedder.vector("beta mountain goats");

        EvalResult untuned = new Evaluator(embedder, null, HnswSettings.DEFAULT, line -> { })
                .evaluate(collection, List.of(EvalRun.standard(FusionSettings.DEFAULT).getFirst()));
        EvalResult tuned = new Evaluator(embedder, null, HnswSettings.DEFAULT, line -> { })
                .tunedWith(new QueryTuning(v -> goats, FusionSettings.DEFAULT))
                .evaluate(collection, List.of(EvalRun.standard(FusionSettings.DEFAULT).getFirst()));

        String vector = untuned.modes().keySet().iterator().next();
        assertThat(untuned.modes().get(vector).mrrAt10()).isLessThan(1.0);
        assertThat(tuned.modes().get(vector).mrrAt10()).isEqualTo(1.0);
    }
}
