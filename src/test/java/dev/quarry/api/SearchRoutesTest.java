package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Http;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search over a manual shipped as HTML and as its text source: no model needed. */
class SearchRoutesTest {

    private static final String TEXT = "To undo the last commit but keep its changes, run git reset with the soft option;"
            + " the changes stay in the index, ready to be committed again once they are fixed.";

    @TempDir
    static Path dir;

    private static FakeQuarryServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new FakeQuarryServer(dir, index -> {
            add(index, "manual/git-reset.html", TEXT);
            add(index, "manual/git-reset.txt", TEXT.replace("soft option", "`--soft` option").replace("; the", ";\nthe"));
            add(index, "manual/git-revert.html", "To undo a commit that others already have, git revert makes a new"
                    + " commit that reverses its changes, and the history stays as it was.");
        }, (routes, scope, json, metrics) -> new SearchRoutes(scope, new JsonBodies(json)).register(routes));
        http = server.http();
    }

    private static void add(ChunkIndex index, String docId, String text) {
        index.replaceDocument(docId, List.of(new IndexedChunk(IndexedChunk.chunkId(docId, 0), docId, docId, docId, "", text, 0,
                text.length(), 0, "h", 0, "html", List.of(), FakeEmbedder.vector(text))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_page_in_two_formats_is_one_hit_that_names_the_other_unless_repeats_are_asked_for() {
        JsonNode hits = http.post("/v1/search", "{\"query\": \"undo the last commit but keep the changes\", \"k\": 3}")
                .json().get("hits");

        assertThat(hits).hasSize(2);
        JsonNode first = hits.get(0);
        assertThat(first.get("path").asText()).startsWith("manual/git-reset.");
        String other = first.get("path").asText().endsWith(".html") ? "manual/git-reset.txt" : "manual/git-reset.html";
        assertThat(first.get("repeats")).hasSize(1);
        assertThat(first.at("/repeats/0/path").asText()).isEqualTo(other);
        assertThat(first.at("/repeats/0/chunkId").asText()).isEqualTo(other + "~0");
        assertThat(hits.get(1).get("path").asText()).isEqualTo("manual/git-revert.html");
        assertThat(hits.get(1).has("repeats")).isFalse();

        JsonNode all = http.post("/v1/search", "{\"query\": \"undo the last commit but keep the changes\", \"k\": 3,"
                + " \"repeats\": true}").json().get("hits");
        assertThat(all).extracting(h -> h.get("path").asText())
                .containsExactlyInAnyOrder("manual/git-reset.html", "manual/git-reset.txt", "manual/git-revert.html");
        assertThat(all).noneMatch(h -> h.has("repeats"));
    }

    @Test
    void repeats_must_be_a_boolean() {
        Http.Response wrong = http.post("/v1/search", "{\"query\": \"undo\", \"repeats\": \"yes\"}");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("field").asText()).isEqualTo("repeats");
    }
}
