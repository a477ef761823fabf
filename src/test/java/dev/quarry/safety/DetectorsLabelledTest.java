package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetectorsLabelledTest {

    private static final LabelledSnippets SET = LabelledSnippets.load();

    @Test
    void labelled_set_holds_at_least_300_snippets_with_findings_and_hard_negatives() {
        assertThat(SET.snippets()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(SET.snippets().stream().filter(s -> s.findings().isEmpty()).count()).isGreaterThanOrEqualTo(100);
        for (FindingType type : FindingType.values()) {
            assertThat(SET.snippets().stream().flatMap(s -> s.findings().stream()).filter(f -> f.type() == type).count())
                    .as(type.label()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void every_type_meets_its_precision_and_recall_target_on_the_dev_split() {
        DetectionScores scores = SET.split("dev").score(new Detectors("US"));
        for (FindingType type : FindingType.values()) {
            double target = type.checksummed() ? 0.95 : 0.9;
            assertThat(scores.precision(type)).as("precision of " + type.label() + "\n" + scores.errors()).isGreaterThanOrEqualTo(target);
            assertThat(scores.recall(type)).as("recall of " + type.label() + "\n" + scores.errors()).isGreaterThanOrEqualTo(target);
        }
    }
}
