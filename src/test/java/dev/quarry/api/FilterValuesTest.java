package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.index.ChunkFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterValuesTest {

    private final JsonBodies bodies = new JsonBodies(new ObjectMapper());

    private ChunkFilter filter(String filter) {
        return bodies.read("{\"query\": \"q\", \"filter\": " + filter + "}", RequestBodies.Search.class).filter();
    }

    private ApiException refused(String filter) {
        return catchThrowableOfType(ApiException.class, () -> filter(filter));
    }

    @Test
    void types_are_accepted_as_users_write_extensions_and_become_the_stored_types_once_each() {
        assertThat(filter("{\"types\": [\"md\", \".MARKDOWN\", \"htm\", \"txt\", \"pdf\", \".docx\"]}").types())
                .containsExactly("markdown", "html", "text", "pdf", "docx");
    }

    @Test
    void an_unknown_type_is_a_400_naming_the_field_suggesting_one_and_listing_the_valid_names() {
        ApiException e = refused("{\"types\": [\"md\", \"mdx\"]}");

        assertThat(e.field()).isEqualTo("filter.types");
        assertThat(e.getMessage()).isEqualTo("filter.types: unknown document type 'mdx'; did you mean 'md'? Valid: docx, "
                + "htm, html, markdown, md, pdf, text, txt (any case, with or without a leading dot)");
        assertThat(refused("{\"types\": [\"spreadsheet\"]}").getMessage()).contains("'spreadsheet'. Valid: docx,");
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
            "1714521600000,            2024-05-01T00:00:00Z,     2024-05-01T00:00:00Z",
            "'\"1714521600000\"',      2024-05-01T00:00:00Z,     2024-05-01T00:00:00Z",
            "'\"2024-05-01\"',         2024-05-01T00:00:00Z,     2024-05-01T23:59:59.999Z",
            "'\"2024-05-01T10:00:00Z\"', 2024-05-01T10:00:00Z,   2024-05-01T10:00:00Z",
            "'\"2024-05-01T12:00:00+02:00\"', 2024-05-01T10:00:00Z, 2024-05-01T10:00:00Z",
            "'\"2024-05-01T10:00:00.250Z\"', 2024-05-01T10:00:00.250Z, 2024-05-01T10:00:00.250Z",
    })
    void modified_dates_accept_epoch_milliseconds_iso_dates_as_whole_days_and_date_times_with_an_offset(
            String value, String from, String to) {
        ChunkFilter f = filter("{\"modifiedFrom\": " + value + ", \"modifiedTo\": " + value + "}");

        assertThat(Instant.ofEpochMilli(f.modifiedFrom())).isEqualTo(Instant.parse(from));
        assertThat(Instant.ofEpochMilli(f.modifiedTo())).isEqualTo(Instant.parse(to));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"modifiedFrom\": \"yesterday\"}             | filter.modifiedFrom",
            "{\"modifiedFrom\": \"2024-13-01\"}            | filter.modifiedFrom",
            "{\"modifiedTo\": \"01/05/2024\"}              | filter.modifiedTo",
            "{\"modifiedTo\": 1.5}                         | filter.modifiedTo",
            "{\"modifiedTo\": true}                        | filter.modifiedTo",
    })
    void a_bad_date_is_a_400_naming_the_field_with_an_example_of_what_is_accepted(String filter, String field) {
        ApiException e = refused(filter);

        assertThat(Problems.status(e.kind())).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + " must be epoch milliseconds (1714521600000), a date (2024-05-01");
    }

    @Test
    void a_date_time_without_an_offset_is_refused_saying_how_to_add_one() {
        assertThat(refused("{\"modifiedFrom\": \"2024-05-01T10:00:00\"}").getMessage())
                .endsWith("got '2024-05-01T10:00:00': add Z for UTC or the offset, such as +02:00");
    }

    @Test
    void a_range_that_ends_before_it_starts_is_refused_rather_than_answered_with_nothing() {
        ApiException e = refused("{\"modifiedFrom\": \"2024-05-02\", \"modifiedTo\": \"2024-05-01\"}");

        assertThat(e.field()).isEqualTo("filter.modifiedTo");
        assertThat(e.getMessage()).startsWith("filter.modifiedTo is before filter.modifiedFrom");
        assertThat(filter("{\"modifiedFrom\": \"2024-05-01\", \"modifiedTo\": \"2024-05-01\"}").modifiedTo())
                .isEqualTo(Instant.parse("2024-05-02T00:00:00Z").toEpochMilli() - 1);
    }
}
