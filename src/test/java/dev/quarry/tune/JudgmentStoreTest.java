package dev.quarry.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgmentStoreTest {

    @TempDir
    Path dir;

    private static Judgment judged(String query, String doc, int grade) {
        return new Judgment(query, doc, grade, "ana", Instant.parse("2026-11-30T10:00:00Z"), "studio");
    }

    @Test
    void keepsTheLatestJudgmentOfEachQueryAndDocumentAcrossReopening() {
        new JudgmentStore(dir).add(List.of(judged("winter tyres", "a.md", 1), judged("winter tyres", "b.md", 0)));
        new JudgmentStore(dir).add(List.of(judged("winter tyres", "b.md", 2)));

        assertThat(new JudgmentStore(dir).all()).containsExactly(judged("winter tyres", "a.md", 1), judged("winter tyres", "b.md", 2));
    }

    @Test
    void deletesWhatItIsToldAndKeepsTheRest() {
        JudgmentStore store = new JudgmentStore(dir);
        store.add(List.of(judged("q1", "a.md", 1), judged("q2", "b.md", 1), judged("q2", "c.md", 0)));

        assertThat(store.delete(j -> j.query().equals("q2"))).isEqualTo(2);
        assertThat(store.delete(j -> j.query().equals("q2"))).isZero();
        assertThat(store.all()).containsExactly(judged("q1", "a.md", 1));
        assertThat(dir.resolve("judgments.jsonl.tmp")).doesNotExist();
    }

    @Test
    void aDamagedLineIsReportedWithItsNumber() throws Exception {
        Files.writeString(dir.resolve(JudgmentStore.FILE), "{\"query\":\"q\",\"docId\":\"a\",\"grade\":1,\"when\":\"2026-11-30T10:00:00Z\"}\nnot json\n");
        assertThatThrownBy(() -> new JudgmentStore(dir).all()).hasMessageContaining("line 2");
    }

    @Test
    void refusesJudgmentsWithoutAQueryOrOutOfRange() {
        assertThatThrownBy(() -> judged(" ", "a.md", 1)).hasMessageContaining("query");
        assertThatThrownBy(() -> judged("q", "a.md", 7)).hasMessageContaining("grade");
    }
}
