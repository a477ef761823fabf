package dev.quarry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

    private static List<String> texts(String text, String section) {
        return Sentences.of(text, section).stream().map(Sentences.Sentence::text).toList();
    }

    @Test
    void headings_titles_code_lead_ins_and_cut_sentences_are_not_quotable() {
        String chunk = """
                ing the old row versions, which the next pass removes.

                Recovering Disk Space

                In PostgreSQL, an UPDATE or DELETE of a row does not immediately remove the old version of the row. \
                This approach is necessary to gain the benefits of multiversion concurrency control.

                To reclaim the space, run:

                VACUUM FULL big_table;
                SELECT pg_size_pretty(
                    pg_total_relation_size('big_table'));

                track_activity_query_size (integer)

                Plain VACUUM does not return the space to the operating system in most""";

        assertThat(texts(chunk, "Routine Vacuuming > Recovering Disk Space")).containsExactly(
                "In PostgreSQL, an UPDATE or DELETE of a row does not immediately remove the old version of the row.",
                "This approach is necessary to gain the benefits of multiversion concurrency control.");
    }

    @Test
    void offsets_point_at_the_sentence_in_the_chunk_and_wrapped_lines_read_as_one_paragraph() {
        String chunk = "Chain care\n\nOil the chain every\nfew hundred kilometres. Wipe off what is left.\n\n- Use dry lube in summer.\n- Use wet lube when it rains a lot.";

        List<Sentences.Sentence> sentences = Sentences.of(chunk, "Chain care");

        assertThat(sentences).extracting(Sentences.Sentence::text).containsExactly(
                "Oil the chain every few hundred kilometres.", "Wipe off what is left.",
                "Use dry lube in summer.", "Use wet lube when it rains a lot.");
        for (Sentences.Sentence s : sentences) {
            assertThat(chunk.substring(s.start(), s.end()).replace('\n', ' ')).isEqualTo(s.text());
        }
        assertThat(sentences.get(0).paragraph()).isEqualTo(sentences.get(1).paragraph());
        assertThat(sentences.get(2).paragraph()).isNotEqualTo(sentences.get(1).paragraph());
    }

    @Test
    void a_sentence_that_points_back_says_so() {
        List<Sentences.Sentence> s = Sentences.of("Read Committed is the default isolation level. "
                + "This means a query sees only data committed before it began. Each statement gets a new snapshot.", "");

        assertThat(s).extracting(Sentences.Sentence::leansOnPrevious).containsExactly(false, true, false);
    }

    @Test
    void a_sentence_may_open_with_an_identifier_but_not_at_the_chunks_start_where_lower_case_means_a_cut() {
        String chunk = "re.match() checks only at the start of the string.\n\nUse the search function instead. "
                + "re.search() checks for a match anywhere in the string. pg_dump does not block other users.";

        assertThat(texts(chunk, "")).containsExactly("Use the search function instead.",
                "re.search() checks for a match anywhere in the string.", "pg_dump does not block other users.");
    }

    @Test
    void abbreviations_do_not_end_a_sentence() {
        assertThat(texts("Pick a small value, e.g. Ten or twelve will do. Then restart the server now.", "")).containsExactly(
                "Pick a small value, e.g. Ten or twelve will do.", "Then restart the server now.");
    }

    @Test
    void a_sentence_knows_the_term_it_describes_or_else_the_heading_it_comes_under() {
        String chunk = """
                These settings control the behavior of the autovacuum feature.

                autovacuum_vacuum_scale_factor (floating point)

                Specifies a fraction of the table size to add. The default is 0.2 (20% of table size).""";

        List<Sentences.Sentence> s = Sentences.of(chunk, "Server Configuration > 20.10. Automatic Vacuuming");

        assertThat(s).extracting(Sentences.Sentence::context).containsExactly("20.10. Automatic Vacuuming",
                "autovacuum_vacuum_scale_factor (floating point)", "autovacuum_vacuum_scale_factor (floating point)");
    }

    @Test
    void a_table_rows_description_is_quotable_without_a_full_stop_but_a_title_or_a_cut_line_is_not() {
        String chunk = """
                date_trunc ( text, timestamp ) → timestamp

                Truncate to specified precision; see Section 9.9.2

                date_trunc('hour', timestamp '2001-02-16 20:38:40') → 2001-02-16 20:00:00

                Table 9.33. Date/Time Functions and Operators

                justify_days ( interval ) → interval

                Adjust interval so 30-day time periods are""";

        assertThat(Sentences.of(chunk, "")).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("Truncate to specified precision; see Section 9.9.2");
            assertThat(s.context()).isEqualTo("date_trunc ( text, timestamp ) → timestamp");
            assertThat(chunk.substring(s.start(), s.end())).isEqualTo(s.text());
        });
    }
}
