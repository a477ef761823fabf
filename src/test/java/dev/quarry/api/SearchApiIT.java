package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.testing.Backend;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import dev.quarry.testing.SampleQueries;
import dev.quarry.testing.SharedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The search API over the sample corpus, with the real model, a real server on a free port, and each backend: a
 * Lucene index, and a SolrCloud collection of two shards with two replicas.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SearchApiIT {

    /** Injected for the class's invocation, whose setup takes it as its argument. */
    @Parameter
    Backend backend;

    private static final String COLLECTION = "search-it";

    private static Path data;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;
    private static IngestReport report;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) throws Exception {
        data = Files.createTempDirectory("quarry-search-it");
        QuarryConfig config = ConfigLoader.load(with(backend.env(data, COLLECTION, ""), "QUARRY_PORT", "0"));
        quarry = Quarry.open(config, Map.of(), SharedModel::of);
        report = quarry.defaultCollection().ingest(Folders.sampleCorpus(), null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server()).start();
        http = new Http(server.port());
    }

    @AfterParameterizedClassInvocation
    static void stop(Backend backend) {
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        backend.delete(COLLECTION);
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return more;
    }

    @Test
    void the_whole_sample_corpus_is_indexed() {
        // Only the corpus's own metadata files are not documents.
        assertThat(report.skipped()).extracting(s -> s.path() + ": " + s.reason())
                .containsExactlyInAnyOrder("queries.jsonl: unsupported file type", "topics.tsv: unsupported file type");
        assertThat(report.added()).isGreaterThanOrEqualTo(40);
        assertThat(report.chunksEmbedded()).isGreaterThan(report.added());
    }

    @Test
    void vector_and_hybrid_put_a_relevant_document_in_the_top_3_for_nine_queries_in_ten() {
        List<SampleQueries.Query> queries = SampleQueries.load();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(25);
        double vector = top3Rate(queries, "vector");
        double hybrid = top3Rate(queries, "hybrid");
        double keyword = top3Rate(queries, "keyword");
        System.out.printf("Sample corpus, relevant document in top 3 (%d queries): vector %.3f, hybrid %.3f, keyword %.3f%n",
                queries.size(), vector, hybrid, keyword);

        assertThat(vector).isGreaterThanOrEqualTo(0.9);
        assertThat(hybrid).isGreaterThanOrEqualTo(0.9);
        // The queries are paraphrases: meaning must beat matching words.
        assertThat(vector).isGreaterThan(keyword);
    }

    private static double top3Rate(List<SampleQueries.Query> queries, String mode) {
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (SampleQueries.Query q : queries) {
            JsonNode hits = search(Map.of("query", q.text(), "k", 3, "mode", mode)).get("hits");
            boolean hit = false;
            for (JsonNode h : hits) hit |= q.relevant().contains(h.get("docId").asText());
            if (hit) found++;
            else misses.add(q.id());
        }
        System.out.println("  " + mode + " misses: " + misses);
        return (double) found / queries.size();
    }

    @Test
    void hits_carry_document_chunk_and_score_parts() {
        JsonNode body = search(Map.of("query", "feeding a sourdough starter", "k", 5, "mode", "hybrid"));
        JsonNode first = body.get("hits").get(0);

        assertThat(body.get("mode").asText()).isEqualTo("hybrid");
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        for (String field : List.of("chunkId", "docId", "path", "title", "text", "score", "start", "end", "type")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("scores").has("vector") || first.get("scores").has("keyword")).isTrue();
        assertThat(body.get("hits")).hasSize(5);
    }

    @Test
    void a_path_prefix_filter_keeps_hits_inside_the_folder() {
        JsonNode hits = search(Map.of("query", "how do I stay healthy", "k", 10, "mode", "vector",
                "filter", Map.of("pathPrefix", "cooking/"))).get("hits");

        assertThat(hits).isNotEmpty();
        for (JsonNode h : hits) assertThat(h.get("path").asText()).startsWith("cooking/");
    }

    @Test
    void a_type_filter_takes_extensions_as_users_write_them() {
        for (String md : List.of("md", ".MD", "markdown")) {
            JsonNode hits = search(Map.of("query", "how do I stay healthy", "k", 10, "mode", "hybrid",
                    "filter", Map.of("types", List.of(md)))).get("hits");
            assertThat(hits).as(md).hasSize(10);
            for (JsonNode h : hits) assertThat(h.get("type").asText()).as(md).isEqualTo("markdown");
        }
        JsonNode text = search(Map.of("query", "how do I stay healthy", "k", 10, "filter", Map.of("types", List.of("txt", "htm")))).get("hits");
        assertThat(text).isNotEmpty().allSatisfy(h -> assertThat(h.get("type").asText()).isIn("text", "html"));

        Http.Response unknown = http.postJson("/v1/search", Map.of("query", "bread", "filter", Map.of("types", List.of("mdx"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("filter.types");
        assertThat(unknown.json().get("detail").asText()).contains("did you mean 'md'?", "Valid: docx, htm, html, markdown, md, pdf, text, txt");
    }

    @Test
    void a_modified_filter_takes_iso_dates_and_date_times_as_well_as_epoch_milliseconds() {
        JsonNode all = search(Map.of("query", "bread", "k", 3, "filter", Map.of("modifiedFrom", "2000-01-01", "modifiedTo", "2999-12-31T23:00:00+01:00"))).get("hits");
        assertThat(all).hasSize(3);
        JsonNode none = search(Map.of("query", "bread", "k", 3, "filter", Map.of("modifiedTo", "2000-01-01"))).get("hits");
        assertThat(none).isEmpty();

        Http.Response bad = http.postJson("/v1/search", Map.of("query", "bread", "filter", Map.of("modifiedFrom", "last week")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("filter.modifiedFrom");
        assertThat(bad.json().get("detail").asText()).contains("a date (2024-05-01", "2024-05-01T10:00:00Z");
    }

    @Test
    void offset_pages_through_the_same_ranking() {
        JsonNode first = search(Map.of("query", "night sky", "k", 4, "mode", "hybrid")).get("hits");
        JsonNode second = search(Map.of("query", "night sky", "k", 2, "offset", 2, "mode", "hybrid")).get("hits");

        assertThat(second.get(0).get("chunkId")).isEqualTo(first.get(2).get("chunkId"));
        assertThat(second.get(1).get("rank").asInt()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"query\": \"bread\"                   | ''",
            "'[1, 2]'                                  | body",
            "{}                                        | query",
            "{\"query\": \"  \"}                       | query",
            "{\"query\": 42}                           | query",
            "{\"query\": \"bread\", \"k\": 0}          | k",
            "{\"query\": \"bread\", \"k\": 1001}       | k",
            "{\"query\": \"bread\", \"k\": \"ten\"}    | k",
            "{\"query\": \"bread\", \"mode\": \"fuzzy\"} | mode",
            "{\"query\": \"bread\", \"filter\": \"x\"}  | filter",
            "{\"query\": \"bread\", \"filter\": {\"pathPrefix\": 3}} | filter.pathPrefix",
            "{\"query\": \"bread\", \"kk\": 3}       | kk",
            "{\"query\": \"bread\", \"filter\": {\"type\": [\"md\"]}} | filter.type",
    })
    void bad_requests_get_problem_json_naming_the_field(String body, String field) {
        Http.Response r = http.post("/v1/search", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("field").asText()).isEqualTo(field.isEmpty() ? "body" : field);
    }

    @Test
    void unknown_routes_get_a_404_problem() {
        Http.Response r = http.get("/v1/nothing-here");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("/v1/nothing-here");
    }

    @Test
    void documents_and_chunks_are_served_by_id_with_slashes() {
        JsonNode hit = search(Map.of("query", "sourdough starter", "k", 1, "mode", "keyword")).get("hits").get(0);
        String docId = hit.get("docId").asText();

        JsonNode doc = http.get("/v1/documents/" + docId).json();
        assertThat(doc.get("docId").asText()).isEqualTo(docId);
        assertThat(doc.get("chunks")).isNotEmpty();
        String chunkId = hit.get("chunkId").asText();
        assertThat(chunkId).matches(java.util.regex.Pattern.quote(docId) + "~\\d+");
        JsonNode chunk = http.get("/v1/chunks/" + chunkId).json();
        assertThat(chunk.get("text").asText()).isEqualTo(hit.get("text").asText());
        Http.Response noNumber = http.get("/v1/chunks/" + docId);
        assertThat(noNumber.status()).isEqualTo(400);
        assertThat(noNumber.json().get("detail").asText()).contains("is not a chunk id", docId + "~3");

        Http.Response missing = http.get("/v1/documents/cooking/none.md");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("cooking/none.md");
    }

    @Test
    void clusters_export_as_csv_with_a_download_name() {
        Http.Response csv = http.get("/v1/clusters?k=7&format=csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(report.added() + 1);
        assertThat(http.get("/v1/clusters?k=7").json().get("clusters")).hasSize(7);
    }

    @Test
    void cluster_parameters_are_validated() {
        assertThat(http.get("/v1/clusters?k=many").json().get("field").asText()).isEqualTo("k");
        assertThat(http.get("/v1/clusters?level=page").json().get("field").asText()).isEqualTo("level");
        assertThat(http.get("/v1/clusters?format=xml").json().get("field").asText()).isEqualTo("format");
        assertThat(http.get("/v1/duplicates?threshold=2").status()).isEqualTo(400);
        assertThat(http.get("/v1/duplicates").json().get("groups")).isEmpty();
    }

    @Test
    void chat_answers_from_the_documents_with_citations() {
        Http.Response r = http.postJson("/v1/chat", Map.of("messages",
                List.of(Map.of("role", "user", "content", "my homemade mayo went runny and oily, can I rescue it?"))));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        System.out.println("Chat: " + answer.get("answer").asText());
        assertThat(answer.get("notFound").asBoolean()).isFalse();
        assertThat(answer.get("answer").asText()).contains("[1]").containsIgnoringCase("yolk");
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("cooking/emulsion-sauces.txt");
    }

    @Test
    void chat_streams_tokens_then_citations_then_done() {
        Http.Response r = http.postJson("/v1/chat", Map.of("stream", true, "messages",
                List.of(Map.of("role", "user", "content", "what should I wear when riding my bike in freezing weather"))));

        assertThat(r.contentType()).startsWith("text/event-stream");
        List<String> events = r.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        assertThat(events).startsWith("token").endsWith("citations", "done");
        assertThat(events.stream().filter("token"::equals).count()).isGreaterThan(5);
        assertThat(r.body()).contains("winter-riding.docx");
    }

    @Test
    void chat_streams_for_a_client_that_accepts_event_streams_unless_the_body_says_stream_false() {
        String question = "{\"messages\": [{\"role\": \"user\", \"content\": \"what should I wear when riding my bike in freezing weather\"}]";

        Http.Response byHeader = http.request("POST", "/v1/chat", question + "}", "Accept", "text/event-stream");
        assertThat(byHeader.contentType()).startsWith("text/event-stream");
        assertThat(byHeader.body().lines().filter(l -> l.startsWith("event: ")).toList()).endsWith("event: citations", "event: done");

        Http.Response explicit = http.request("POST", "/v1/chat", question + ", \"stream\": false}", "Accept", "text/event-stream");
        assertThat(explicit.contentType()).startsWith("application/json");
        assertThat(explicit.json().get("citations")).isNotEmpty();
    }

    @Test
    void chat_says_when_the_documents_do_not_contain_the_answer() {
        JsonNode answer = http.postJson("/v1/chat", Map.of("messages",
                List.of(Map.of("role", "user", "content", "who won the football world cup in 1998?")))).json();

        assertThat(answer.get("notFound").asBoolean()).isTrue();
        assertThat(answer.get("citations")).isEmpty();
    }

    @Test
    void a_wrong_name_gets_the_message_it_gets_in_quarry_yaml_and_on_the_command_line() {
        assertThat(http.post("/v1/search", "{\"query\": \"bread\", \"mode\": \"vectr\"}").json().get("detail").asText())
                .isEqualTo("mode must be one of vector, keyword, hybrid (got 'vectr'; did you mean 'vector'?)");
        assertThat(http.post("/v1/search", "{\"query\": \"bread\", \"fusion\": {\"method\": \"fast\"}}").json().get("detail").asText())
                .isEqualTo("fusion.method must be one of rrf, weighted, adaptive, distribution (got 'fast')");
        assertThat(http.get("/v1/clusters?level=page").json().get("detail").asText())
                .isEqualTo("level must be one of document, chunk (got 'page')");
        assertThat(http.post("/v1/chat", "{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}").json().get("detail").asText())
                .isEqualTo("messages[0].role must be one of user, assistant (got 'robot')");
        assertThat(http.post("/v1/search", "{\"query\": \"bread\", \"mode\": \"KEYWORD\"}").status()).isEqualTo(200);
    }

    @Test
    void chat_requests_are_validated() {
        assertThat(http.post("/v1/chat", "{\"messages\": []}").json().get("field").asText()).isEqualTo("messages");
        assertThat(http.post("/v1/chat", "{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}").json()
                .get("field").asText()).isEqualTo("messages[0].role");
        assertThat(http.post("/v1/chat", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": 5}")
                .json().get("field").asText()).isEqualTo("temperature");
        assertThat(http.post("/v1/chat", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"deployment\": \"gpt-x\"}")
                .json().get("field").asText()).isEqualTo("deployment");
    }

    @Test
    void metrics_count_requests_by_route_pattern_in_prometheus_format() {
        http.get("/v1/documents/cooking/braising.md");
        http.post("/v1/search", "{\"query\": \"a metrics probe query\", \"k\": 1}");
        Http.Response r = http.get("/metrics");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("quarry_http_requests_seconds_count{method=\"GET\",route=\"/v1/documents/<id>\",status=\"200\"}")
                .contains("quarry_http_requests_seconds_bucket{")
                .contains("quarry_index_chunks").contains("quarry_index_documents").contains("quarry_index_bytes")
                .contains("quarry_chat_citations_dropped_total")
                .contains("quarry_ingest_files_total{outcome=\"added\"} " + report.added() + ".0")
                .contains("quarry_embed_latency_seconds_count{kind=\"passages\"}")
                .contains("quarry_embed_latency_seconds_count{kind=\"query\"}")
                .contains("quarry_embed_batch_size_sum{kind=\"passages\"}")
                .contains("quarry_embed_query_cache_hit_ratio");
    }

    @Test
    void every_response_carries_a_request_id_and_a_safe_client_id_is_kept() {
        assertThat(http.get("/healthz").header("X-Request-Id")).hasSize(36);
        assertThat(http.get("/healthz", "X-Request-Id", "trace-7").header("X-Request-Id")).isEqualTo("trace-7");
        assertThat(http.get("/v1/nothing", "X-Request-Id", "trace-8").header("X-Request-Id")).isEqualTo("trace-8");
    }

    @Test
    void health_and_readiness_answer() {
        assertThat(http.get("/healthz").json().get("status").asText()).isEqualTo("ok");
        JsonNode ready = http.get("/readyz").json();
        assertThat(ready.get("documents").asInt()).isEqualTo(report.added());
    }

    private static JsonNode search(Map<String, Object> body) {
        Http.Response r = http.postJson("/v1/search", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
