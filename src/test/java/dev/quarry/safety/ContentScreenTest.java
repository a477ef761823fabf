package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.text.ParsedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentScreenTest {

    private static final Detectors DETECTORS = new Detectors("US");
    private static final String TEXT = "Contact\n\nWrite to ana.costa@example.com today.\n\nBilling\n\nCard 4111 1111 1111 1111 on file.";

    private static ParsedDocument doc() {
        int billing = TEXT.indexOf("Billing");
        return new ParsedDocument("Notes for ana.costa@example.com", TEXT,
                List.of(new ParsedDocument.Section("Contact", 0, billing), new ParsedDocument.Section("Billing", billing, TEXT.length())),
                List.of("hr"), "md");
    }

    private static ContentScreen screen(Map<FindingType, Action> actions) {
        return new ContentScreen(DETECTORS, SafetyPolicy.DEFAULT.with(actions));
    }

    @Test
    void redaction_puts_placeholders_in_text_and_title_and_keeps_sections_on_the_same_words() {
        Screened s = screen(Map.of(FindingType.EMAIL, Action.REDACT, FindingType.CARD, Action.REDACT)).screen(doc());

        ParsedDocument clean = s.document();
        assertThat(clean.text()).isEqualTo("Contact\n\nWrite to [EMAIL] today.\n\nBilling\n\nCard [CARD] on file.");
        assertThat(clean.title()).isEqualTo("Notes for [EMAIL]");
        ParsedDocument.Section billing = clean.sections().get(1);
        assertThat(clean.text().substring(billing.start(), billing.end())).isEqualTo("Billing\n\nCard [CARD] on file.");
        assertThat(clean.sections().get(0).end()).isEqualTo(billing.start());
        assertThat(s.counts()).containsOnly(Map.entry(FindingType.EMAIL, 1), Map.entry(FindingType.CARD, 1));
        assertThat(s.tags(0, clean.text().length())).isEmpty();
        assertThat(clean.tags()).containsExactly("hr", Screened.REDACTED_TAG);
    }

    @Test
    void tagged_values_stay_and_tag_only_the_chunks_that_hold_them_at_their_redacted_offsets() {
        Screened s = screen(Map.of(FindingType.EMAIL, Action.REDACT, FindingType.CARD, Action.TAG)).screen(doc());

        String text = s.document().text();
        int card = text.indexOf("4111");
        assertThat(s.tags(card, card + 4)).containsExactly("safety:card");
        assertThat(s.tags(0, text.indexOf("Billing"))).isEmpty();
    }

    @Test
    void skip_file_names_the_types_and_never_the_values() {
        Screened s = screen(Map.of(FindingType.CARD, Action.SKIP_FILE)).screen(doc());

        assertThat(s.skipReason()).isEqualTo("holds card (the safety policy skips such files)").doesNotContain("4111");
    }

    @Test
    void off_neither_counts_nor_changes() {
        Map<FindingType, Action> off = new java.util.EnumMap<>(FindingType.class);
        for (FindingType t : FindingType.values()) off.put(t, Action.OFF);
        Screened s = screen(off).screen(doc());

        assertThat(s.document()).isEqualTo(doc());
        assertThat(s.counts()).isEmpty();
    }

    @Test
    void an_offset_inside_a_replaced_value_moves_to_the_end_of_its_placeholder() {
        Redaction r = new Redaction("ab 123-45-6789 cd", List.of(new Finding(FindingType.SSN, 3, 14)));

        assertThat(r.text()).isEqualTo("ab [SSN] cd");
        assertThat(r.map(2)).isEqualTo(2);
        assertThat(r.map(3)).isEqualTo(3);
        assertThat(r.map(8)).isEqualTo(8);
        assertThat(r.map(14)).isEqualTo(8);
        assertThat(r.map(17)).isEqualTo(11);
    }
}
