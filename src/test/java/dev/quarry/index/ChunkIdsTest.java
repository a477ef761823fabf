package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkIdsTest {

    @Test
    void a_chunk_id_is_the_document_id_a_tilde_and_the_number_with_nothing_a_url_would_cut_or_escape() {
        String id = ChunkIds.of("cooking/guide.md", 3);

        assertThat(id).isEqualTo("cooking/guide.md~3");
        assertThat(java.net.URI.create("http://h/v1/chunks/" + id).getRawPath()).isEqualTo("/v1/chunks/cooking/guide.md~3");
        assertThat(ChunkIds.parse(id)).contains(new ChunkIds.Parts("cooking/guide.md", 3));
    }

    @Test
    void both_forms_are_read_and_each_converts_to_the_other() {
        assertThat(ChunkIds.parse("guide.md#12")).contains(new ChunkIds.Parts("guide.md", 12));
        assertThat(ChunkIds.oldForm("guide.md~12")).isEqualTo("guide.md#12");
        assertThat(ChunkIds.urlSafe("guide.md#12")).isEqualTo("guide.md~12");
        assertThat(ChunkIds.urlSafe("guide.md~12")).isEqualTo("guide.md~12");
    }

    @Test
    void the_last_separator_before_digits_separates_the_number_even_in_names_holding_tildes_or_hashes() {
        assertThat(ChunkIds.parse("C#-notes~v2.md~0")).contains(new ChunkIds.Parts("C#-notes~v2.md", 0));
        assertThat(ChunkIds.oldForm("C#-notes~v2.md~0")).isEqualTo("C#-notes~v2.md#0");
        assertThat(ChunkIds.urlSafe("C#-notes~v2.md#0")).isEqualTo("C#-notes~v2.md~0");
    }

    @Test
    void an_id_without_a_number_names_no_chunk_and_is_left_as_it_is() {
        for (String id : new String[] {"guide.md", "guide.md~", "guide.md~x", "~3", "guide.md#"}) {
            assertThat(ChunkIds.parse(id)).as(id).isEmpty();
            assertThat(ChunkIds.oldForm(id)).as(id).isEqualTo(id);
        }
    }
}
