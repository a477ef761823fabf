package dev.quarry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirCollectionTest {

    @TempDir
    Path dir;

    @Test
    void reads_corpus_judged_queries_and_graded_qrels() throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Wings", "text": "Lift and drag."}
                {"_id": "d2", "text": "No title here."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "1", "text": "what makes lift"}
                {"_id": "2", "text": "an unjudged query"}
                """);
        Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t4\n1\td2\t1\n");

        BeirCollection c = BeirCollection.load(dir);

        assertThat(c.corpus()).extracting(BeirCollection.Doc::title).containsExactly("Wings", "");
        assertThat(c.queries()).containsOnlyKeys("1");
        assertThat(c.qrels().get("1")).containsEntry("d1", 4).containsEntry("d2", 1);
    }

    @Test
    void a_folder_without_the_beir_files_is_a_clear_error() {
        assertThatThrownBy(() -> BeirCollection.load(dir)).isInstanceOf(EvalException.class).hasMessageContaining("corpus.jsonl");
    }
}
