package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupHintTest {

    @TempDir
    Path tmp;

    @Test
    void the_suggested_search_is_the_first_title_that_reads_like_a_query() {
        try (ChunkIndex index = index()) {
            add(index, "a/notes_2021.txt", "notes_2021.txt", "Some loose notes about nothing in particular.");
            add(index, "b/bread.md", "Keeping a \"Sourdough\" Starter Alive", "Feed the starter flour and water.");
            add(index, "c/stars.md", "Meteor Showers", "The Perseids peak in August.");
            index.commit();
            assertThat(StartupHint.query(index)).contains("Keeping a Sourdough Starter Alive");
        }
    }

    @Test
    void without_a_usable_title_the_opening_words_of_a_document_are_suggested() {
        try (ChunkIndex index = index()) {
            add(index, "readme.txt", "readme.txt", "Rivers carry water and silt to the sea, slowly, every day.");
            index.commit();
            assertThat(StartupHint.query(index)).contains("Rivers carry water and silt to");
        }
    }

    @Test
    void an_empty_index_suggests_no_search_but_how_to_fill_it() {
        try (ChunkIndex index = index()) {
            assertThat(StartupHint.query(index)).isEmpty();
        }
        String text = StartupHint.text("http://localhost:8080", false, Optional.empty(), List.of(Path.of("/srv/docs")));
        assertThat(text).contains("The index is empty", "--ingest <folder>", "/v1/ingest", "{\"folder\": \"/srv/docs\"}")
                .doesNotContain("/v1/search");
        assertThat(StartupHint.text("http://localhost:8080", false, Optional.empty(), List.of())).contains("quarry ingest <folder>");
    }

    @Test
    void the_suggested_search_is_a_command_to_paste_with_the_key_header_when_keys_are_needed() {
        String text = StartupHint.text("https://localhost:8443", true, Optional.of("Meteor Showers"), List.of());
        assertThat(text).contains("curl -s https://localhost:8443/v1/search", "Authorization: Bearer $KEY",
                "-d '{\"query\": \"Meteor Showers\", \"k\": 3}'", "Press Ctrl+C to stop.");
        assertThat(StartupHint.safe("It's \"fine\"\\ $HOME `x`")).isEqualTo("It s fine HOME x");
    }

    private ChunkIndex index() {
        return LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT));
    }

    private static void add(ChunkIndex index, String docId, String title, String text) {
        index.replaceDocument(docId, List.of(new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, title, "", text,
                0, text.length(), 0, "hash-" + docId, 0, "md", List.of(), FakeEmbedder.vector(text))));
    }
}
