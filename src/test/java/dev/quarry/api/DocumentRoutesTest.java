package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.index.IndexedChunk;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents and chunks by id, on a server of their own over a small index: no model needed. */
class DocumentRoutesTest {

    @TempDir
    static Path dir;

    private static FakeQuarryServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new FakeQuarryServer(dir, index -> {
            index.replaceDocument("cooking/guide.md", List.of(chunk("cooking/guide.md", 0, "Feed the starter."),
                    chunk("cooking/guide.md", 1, "Bake at dawn.")));
            index.replaceDocument("C#-notes~v2.md", List.of(chunk("C#-notes~v2.md", 0, "Pattern matching.")));
        }, (routes, scope, json, metrics) -> new DocumentRoutes(scope, new OriginalFiles(new IngestRoots(List.of())),
                new FileLinks(Clock.systemUTC())).register(routes));
        http = server.http();
    }

    private static IndexedChunk chunk(String docId, int n, String text) {
        return new IndexedChunk(IndexedChunk.chunkId(docId, n), docId, docId, "Guide", "", text, 0, text.length(), 0,
                "h", 0, "markdown", List.of(), FakeEmbedder.vector(text));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chunk_ids_are_given_out_in_a_form_that_survives_being_pasted_into_a_url() {
        JsonNode doc = http.get("/v1/documents/cooking/guide.md").json();

        assertThat(doc.get("chunks")).extracting(c -> c.get("chunkId").asText())
                .containsExactly("cooking/guide.md~0", "cooking/guide.md~1");
        // As pasted: no escaping needed, nothing dropped on the way.
        Http.Response chunk = http.get("/v1/chunks/cooking/guide.md~1");
        assertThat(chunk.status()).isEqualTo(200);
        assertThat(chunk.json().get("chunkId").asText()).isEqualTo("cooking/guide.md~1");
        assertThat(chunk.json().get("text").asText()).isEqualTo("Bake at dawn.");
    }

    @Test
    void an_id_in_the_older_form_is_still_understood_when_its_hash_is_escaped() {
        Http.Response chunk = http.get("/v1/chunks/cooking/guide.md%231");

        assertThat(chunk.status()).isEqualTo(200);
        assertThat(chunk.json().get("chunkId").asText()).isEqualTo("cooking/guide.md~1");
    }

    @Test
    void a_file_name_with_its_own_tilde_or_hash_still_names_its_chunks() {
        String id = http.get("/v1/documents/C%23-notes~v2.md").json().get("chunks").get(0).get("chunkId").asText();

        assertThat(id).isEqualTo("C#-notes~v2.md~0");
        assertThat(http.get("/v1/chunks/C%23-notes~v2.md~0").json().get("text").asText()).isEqualTo("Pattern matching.");
    }

    @Test
    void an_id_without_a_chunk_number_is_a_400_saying_what_a_chunk_id_looks_like_not_another_lookup() {
        // What a browser or curl sends for /v1/chunks/cooking/guide.md#1: the fragment never leaves the client.
        Http.Response r = http.get("/v1/chunks/cooking/guide.md");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).isEqualTo("id");
        assertThat(r.json().get("detail").asText()).isEqualTo("'cooking/guide.md' is not a chunk id: a chunk id is its"
                + " document's id, '~' and the chunk's number, such as cooking/guide.md~3 (search hits, documents and"
                + " citations give them); a '#' in a URL starts a fragment, which is never sent");
    }

    @Test
    void a_missing_chunk_is_a_404_saying_which_chunks_its_document_has() {
        assertThat(http.get("/v1/chunks/cooking/guide.md~7").json().get("detail").asText())
                .isEqualTo("no chunk with id 'cooking/guide.md~7': document 'cooking/guide.md' has chunks"
                        + " cooking/guide.md~0 to cooking/guide.md~1");
        Http.Response none = http.get("/v1/chunks/cooking/none.md~0");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("detail").asText()).isEqualTo("no chunk with id 'cooking/none.md~0': no document 'cooking/none.md'");
    }
}
