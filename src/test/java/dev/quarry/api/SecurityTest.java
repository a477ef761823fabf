package dev.quarry.api;

import dev.quarry.testing.FakeEmbedder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ServerConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.security.RateLimiter;
import dev.quarry.security.Role;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole route list against every kind of caller and every kind of bad request, each cell with its expected
 * status; then the server must still be healthy. Also rate limits (with a stepped clock) and the audit log. Access does
 * not depend on the model, so a fake one embeds.
 */
class SecurityTest {

    static final String READER = "reader-key-for-tests-0001";
    static final String WRITER = "writer-key-for-tests-0002";
    static final String ADMIN = "admin-key-for-tests-00003";
    static final String ELSEWHERE_ADMIN = "admin-key-for-elsewhere-004";

    /** A request that succeeds for a caller allowed to make it, and the status it then gets. */
    record Call(String method, String path, String body, int ok, List<String> headers) {
        Call(String method, String path, String body, int ok) {
            this(method, path, body, ok, List.of());
        }
    }

    /** What an MCP client sends with every request. */
    private static final List<String> MCP_HEADERS = List.of("Accept", "application/json, text/event-stream", "Content-Type", "application/json");

    private static final AtomicLong clock = new AtomicLong();
    private static FakeOpenAiServer upstream;
    private static Quarry quarry;
    private static ApiServer server;
    private static Http http;
    private static Path docs;
    private static final Map<String, Call> CALLS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeOpenAiServer();
        Path tmp = Files.createTempDirectory("quarry-security-it");
        docs = tmp.resolve("docs");
        Folders.write(docs, "bread.md", "# Sourdough\n\nFeed the starter flour and water every day and keep it warm.");
        Folders.write(docs, "stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky far from town.");
        Folders.write(docs, "bikes.md", "# Chains\n\nClean and oil a bicycle chain every few hundred kilometres.");
        Folders.write(docs, "guide/page one.html", "<html><head><title>Page</title><script>alert(1)</script></head>"
                + "<body><p>Knead the dough for ten minutes until it is smooth.</p></body></html>");
        Folders.write(docs, "moved.md", "# Moved\n\nThis file is replaced by a link to a file outside the folder.");
        Path yaml = Folders.write(tmp, "quarry.yaml", """
                server:
                  maxBodyBytes: 65536
                  requestsPerMinute:
                    reader: 1000
                    writer: 1000
                chat:
                  deployments:
                    - name: metered
                      kind: openai
                      endpoint: %s
                      model: gpt-4o-mini
                      apiKeyEnv: QUARRY_TEST_KEY
                      maxRetries: 0
                      tokensPerMinute: 3000
                """.formatted(upstream.openAiBaseUrl()));
        Map<String, String> env = Map.of("QUARRY_CONFIG", yaml.toString(), "QUARRY_DATA", tmp.resolve("data").toString(),
                "QUARRY_TEST_KEY", "upstream-secret", "QUARRY_API_KEYS", "reader:" + READER + ",writer:" + WRITER + ",admin:" + ADMIN
                        + ",admin@elsewhere:" + ELSEWHERE_ADMIN);
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env, embedding -> new FakeEmbedder());
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(docs)), clock::get).start();
        http = new Http(server.port());
        Http.Response document = http.request("GET", "/v1/documents/bread.md", null, "Authorization", "Bearer " + READER);
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        String chunkId = document.json().get("chunks").get(0).get("chunkId").asText();
        String ingest = "{\"folder\":" + json(docs.toString()) + "}";
        String ask = "{\"deployment\":\"extractive\",\"strictness\":0.1,\"messages\":[{\"role\":\"user\",\"content\":\"how do I feed a starter?\"}]}";
        put("GET /healthz", "GET", "/healthz", null, 200);
        put("GET /readyz", "GET", "/readyz", null, 200);
        put("GET /openapi.json", "GET", "/openapi.json", null, 200);
        put("GET /metrics", "GET", "/metrics", null, 200);
        put("GET /v1/audit", "GET", "/v1/audit?limit=5", null, 200);
        put("POST /v1/search", "POST", "/v1/search", "{\"query\":\"sourdough starter\",\"k\":2}", 200);
        put("GET /v1/documents/<id>", "GET", "/v1/documents/bread.md", null, 200);
        put("GET /v1/documents/<id>/file", "GET", "/v1/documents/bread.md/file", null, 200);
        put("GET /v1/documents/<id>/link", "GET", "/v1/documents/bread.md/link", null, 200);
        // Deleting in the table would change the corpus under the other cells: a missing id shows the access.
        put("DELETE /v1/documents/<id>", "DELETE", "/v1/documents/not-there.md", null, 404);
        put("GET /v1/chunks/<id>", "GET", "/v1/chunks/" + chunkId, null, 200);
        put("GET /v1/clusters", "GET", "/v1/clusters?k=2", null, 200);
        put("GET /v1/duplicates", "GET", "/v1/duplicates", null, 200);
        put("POST /v1/ingest", "POST", "/v1/ingest", ingest, 202);
        put("GET /v1/ingest", "GET", "/v1/ingest", null, 200);
        put("GET /v1/ingest/{job}", "GET", "/v1/ingest/no-such-job", null, 404);
        put("POST /v1/chat", "POST", "/v1/chat", ask, 200);
        put("GET /v1/deployments", "GET", "/v1/deployments", null, 200);
        put("GET /v1/deployments/{name}", "GET", "/v1/deployments/metered", null, 200);
        put("POST /v1/compare", "POST", "/v1/compare", "{\"query\":\"chain oil\",\"k\":3,\"left\":{\"mode\":\"vector\"},\"right\":{\"mode\":\"keyword\"}}", 200);
        put("GET /v1/collections", "GET", "/v1/collections", null, 200);
        put("GET /v1/collections/{name}", "GET", "/v1/collections/default", null, 200);
        // Creating and deleting in the table would change what the other cells see: a bad name and a missing
        // collection show the access.
        put("POST /v1/collections", "POST", "/v1/collections", "{\"name\":\"../etc\"}", 400);
        put("DELETE /v1/collections/{name}", "DELETE", "/v1/collections/not-there", null, 404);
        put("GET /v1/collections/{name}/judgments", "GET", "/v1/collections/default/judgments", null, 200);
        put("POST /v1/collections/{name}/judgments", "POST", "/v1/collections/default/judgments",
                "{\"judgments\":[{\"query\":\"sourdough starter\",\"docId\":\"bread.md\",\"grade\":1}],\"source\":\"studio\"}", 201);
        put("DELETE /v1/collections/{name}/judgments", "DELETE", "/v1/collections/default/judgments?query=nothing%20judged", null, 200);
        put("GET /v1/collections/{name}/tuning", "GET", "/v1/collections/default/tuning", null, 200);
        put("PUT /v1/collections/{name}/tuning/active", "PUT", "/v1/collections/default/tuning/active", "{}", 200);
        // A run in the table would race the other callers' runs (one at a time): a missing collection shows the access.
        put("POST /v1/collections/{name}/tune", "POST", "/v1/collections/not-there/tune", "{}", 404);
        put("GET /v1/collections/{name}/tune/{job}", "GET", "/v1/collections/default/tune/no-such-run", null, 404);
        put("POST /v1/collections/{name}/snapshots", "POST", "/v1/collections/default/snapshots", null, 201);
        put("GET /v1/collections/{name}/snapshots", "GET", "/v1/collections/default/snapshots", null, 200);
        // Deleting or restoring in the table would change what the other cells see: a missing snapshot shows the access.
        put("GET /v1/collections/{name}/snapshots/{id}", "GET", "/v1/collections/default/snapshots/no-such", null, 404);
        put("GET /v1/collections/{name}/snapshots/{id}/download", "GET", "/v1/collections/default/snapshots/no-such/download", null, 404);
        put("DELETE /v1/collections/{name}/snapshots/{id}", "DELETE", "/v1/collections/default/snapshots/no-such", null, 404);
        put("POST /v1/collections/{name}/snapshots/{id}/restore", "POST", "/v1/collections/default/snapshots/no-such/restore",
                "{\"into\":\"copy\"}", 404);
        // A reindex or a deleted generation would change what the other cells see: a missing collection shows the access.
        put("POST /v1/collections/{name}/reindex", "POST", "/v1/collections/not-there/reindex", "{}", 404);
        put("GET /v1/collections/{name}/reindex", "GET", "/v1/collections/default/reindex", null, 200);
        put("GET /v1/collections/{name}/reindex/{job}", "GET", "/v1/collections/default/reindex/no-such-job", null, 404);
        put("GET /v1/collections/{name}/generations", "GET", "/v1/collections/default/generations", null, 200);
        put("POST /v1/collections/{name}/rollback", "POST", "/v1/collections/default/rollback", "{}", 409);
        put("DELETE /v1/collections/{name}/generations/{generation}", "DELETE", "/v1/collections/not-there/generations/1", null, 404);
        CALLS.put("POST /mcp", new Call("POST", "/mcp", """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
                "clientInfo":{"name":"security-test","version":"1"}}}""", 200, MCP_HEADERS));
        // No stream of server messages: the protocol's answer is 405. Ending a session needs its id: 400 without one.
        CALLS.put("GET /mcp", new Call("GET", "/mcp", null, 405, MCP_HEADERS));
        CALLS.put("DELETE /mcp", new Call("DELETE", "/mcp", null, 400, MCP_HEADERS));
    }

    /**
     * What an admin key limited to another collection gets: every route that reads or writes a collection answers as
     * if none existed; routes about the server, the deployments and the collection list itself answer as for any admin.
     */
    private static final Set<String> SERVER_ROUTES = Set.of("GET /healthz", "GET /readyz", "GET /openapi.json",
            "GET /metrics", "GET /v1/audit", "GET /v1/deployments", "GET /v1/deployments/{name}", "GET /v1/collections",
            "POST /v1/collections", "GET /v1/ingest", "GET /v1/ingest/{job}", "DELETE /v1/collections/{name}",
            // The MCP endpoint itself: its tools answer for collections as the routes above do (McpHttpIT).
            "POST /mcp", "GET /mcp", "DELETE /mcp");

    private static void put(String route, String method, String path, String body, int ok) {
        CALLS.put(route, new Call(method, path, body, ok));
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @AfterAll
    static void stop() {
        server.close();
        quarry.close();
        upstream.close();
    }

    private static Http.Response as(String key, Call call) {
        List<String> headers = new ArrayList<>(call.headers());
        if (key != null) headers.addAll(List.of("Authorization", "Bearer " + key));
        return http.request(call.method(), call.path(), call.body(), headers.toArray(String[]::new));
    }

    @Test
    void the_table_covers_every_route_the_server_has() {
        assertThat(server.routes()).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrderElementsOf(CALLS.keySet());
    }

    @Test
    void original_files_are_served_with_their_type_and_html_cannot_run_scripts() {
        Http.Response md = http.request("GET", "/v1/documents/bread.md/file", null, "Authorization", "Bearer " + READER);
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.contentType()).isEqualTo("text/markdown; charset=utf-8");
        assertThat(md.body()).startsWith("# Sourdough");
        assertThat(md.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Http.Response html = http.request("GET", "/v1/documents/guide/page%20one.html/file", null, "Authorization", "Bearer " + READER);
        assertThat(html.status()).as(html.body()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.header("Content-Security-Policy")).startsWith("sandbox").contains("default-src 'none'");
        assertThat(html.header("Content-Disposition")).contains("filename=\"page one.html\"");

        Http.Response missing = http.request("GET", "/v1/documents/nothing.md/file", null, "Authorization", "Bearer " + READER);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void a_signed_link_opens_one_file_without_a_key_and_nothing_else() throws Exception {
        Http.Response link = http.request("GET", "/v1/documents/guide/page%20one.html/link", null, "Authorization", "Bearer " + READER);
        assertThat(link.status()).isEqualTo(200);
        String url = link.json().get("url").asText();
        assertThat(url).startsWith("/v1/documents/guide/page%20one.html/file?collection=default&expires=");
        assertThat(link.json().get("contentType").asText()).startsWith("text/html");

        assertThat(http.request("GET", url, null).status()).isEqualTo(200);
        assertThat(http.request("GET", url.replace("guide/page%20one.html", "bread.md"), null).status()).isEqualTo(401);
        assertThat(http.request("GET", url.replace("/file?", "?"), null).status()).as("the link opens the file only").isEqualTo(401);
        assertThat(http.request("GET", url.substring(0, url.length() - 2) + "xx", null).status()).isEqualTo(401);
    }

    @Test
    void a_file_that_now_leads_outside_its_folder_is_refused() throws Exception {
        Path outside = Files.writeString(docs.getParent().resolve("secret.txt"), "not for the API");
        Path moved = docs.resolve("moved.md");
        Files.delete(moved);
        Files.createSymbolicLink(moved, outside);

        Http.Response r = http.request("GET", "/v1/documents/moved.md/file", null, "Authorization", "Bearer " + ADMIN);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("not for the API").contains("ingest root");
    }

    @TestFactory
    Stream<DynamicTest> every_route_with_every_caller() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> access = new LinkedHashMap<>();
        server.routes().forEach(r -> access.put(r.method() + " " + r.path(), r.access()));
        CALLS.forEach((route, call) -> {
            String needs = access.get(route);
            boolean open = needs.equals("public");
            tests.add(dynamicTest(route + " without a key", () -> {
                Http.Response r = as(null, call);
                if (open) {
                    assertThat(r.status()).isEqualTo(call.ok());
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(401);
                    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
                    assertThat(r.contentType()).startsWith("application/problem+json");
                }
            }));
            tests.add(dynamicTest(route + " with a wrong key", () -> {
                // Wrong keys are throttled per address (30 a minute): let the stepped clock refill one.
                clock.addAndGet(Duration.ofSeconds(2).toNanos());
                Http.Response r = as("reader-key-for-tests-0009", call);
                assertThat(r.status()).isEqualTo(open ? call.ok() : 401);
            }));
            if (call.method().equals("GET")) {
                tests.add(dynamicTest("HEAD " + route.substring(4) + " has GET's status, with and without a key", () -> {
                    Call head = new Call("HEAD", call.path(), null, call.ok(), call.headers());
                    assertThat(as(null, head).status()).isEqualTo(as(null, call).status());
                    assertThat(as(ADMIN, head).status()).isEqualTo(call.ok());
                }));
            }
            int outside = SERVER_ROUTES.contains(route) ? call.ok() : 404;
            tests.add(dynamicTest(route + " as an admin limited to another collection → " + outside, () -> {
                Http.Response r = as(ELSEWHERE_ADMIN, call);
                assertThat(r.status()).as(r.body()).isEqualTo(outside);
            }));
            Map<String, String> keys = Map.of("reader", READER, "writer", WRITER, "admin", ADMIN);
            for (String role : List.of("reader", "writer", "admin")) {
                boolean allowed = open || rank(role) >= rank(needs);
                tests.add(dynamicTest(route + " as " + role + " → " + (allowed ? call.ok() : 403), () -> {
                    Http.Response r = as(keys.get(role), call);
                    assertThat(r.status()).as(r.body()).isEqualTo(allowed ? call.ok() : 403);
                }));
            }
            if (call.method().equals("POST")) {
                tests.add(dynamicTest(route + " with a malformed body → 400 naming body", () -> {
                    Http.Response r = as(ADMIN, new Call("POST", call.path(), "{\"query\": \"unterminated", 0, call.headers()));
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.json().get("field").asText()).isEqualTo("body");
                    Http.Response array = as(ADMIN, new Call("POST", call.path(), "[1, 2]", 0, call.headers()));
                    assertThat(array.status()).isEqualTo(400);
                }));
                tests.add(dynamicTest(route + " with an oversized body → 413", () -> {
                    String big = "{\"query\":\"" + "a".repeat(100_000) + "\"}";
                    Http.Response r = as(ADMIN, new Call("POST", call.path(), big, 0, call.headers()));
                    assertThat(r.status()).isEqualTo(413);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                }));
            }
        });
        return tests.stream();
    }

    private static int rank(String access) {
        return switch (access) {
            case "public" -> 0;
            case "reader" -> 1;
            case "writer" -> 2;
            default -> 3;
        };
    }

    @Test
    void path_traversal_reads_nothing_outside_the_index_or_the_roots() {
        for (String path : List.of("/v1/documents/../../../../etc/passwd", "/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/v1/chunks/..%2f..%2fetc%2fpasswd", "/v1/ingest/..%2f..%2fetc", "/v1/deployments/..%2f..%2fetc%2fpasswd",
                "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/studio/../../../etc/passwd")) {
            Http.Response r = http.request("GET", path, null, "Authorization", "Bearer " + ADMIN);
            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("root:");
        }
        // A client of its own: Jetty closes a connection after some 400s, and a POST is not sent twice on a new one.
        Http writes = new Http(server.port());
        for (String folder : List.of("/etc", docs + "/../../..", "../../etc", docs.resolve("..").toString())) {
            Http.Response r = writes.request("POST", "/v1/ingest", "{\"folder\":" + json(folder) + "}", "Authorization", "Bearer " + WRITER);
            assertThat(r.status()).as(folder).isIn(400, 403);
            assertThat(r.json().get("field").asText()).isEqualTo("folder");
        }
    }

    @Test
    void header_injection_in_ids_is_never_echoed() throws Exception {
        Http.Response forged = http.request("GET", "/healthz", null, "X-Request-Id", "abc%0d%0aSet-Cookie:%20owned=1");
        assertThat(forged.header("X-Request-Id")).doesNotContain("Set-Cookie").matches("[0-9a-f-]{36}");
        assertThat(forged.header("Set-Cookie")).isNull();
        Http.Response inPath = http.request("GET", "/v1/ingest/x%0d%0aSet-Cookie:%20owned=1", null, "Authorization", "Bearer " + WRITER);
        assertThat(inPath.status()).isEqualTo(404);
        assertThat(inPath.header("Set-Cookie")).isNull();
        // A bare carriage return inside a header value, which no HTTP client library would send.
        String raw = raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: abc\rSet-Cookie: owned=1\r\nConnection: close\r\n\r\n");
        assertThat(raw).doesNotContainIgnoringCase("set-cookie: owned");
        assertThat(raw).startsWith("HTTP/1.1 400");
    }

    @Test
    void rate_limits_answer_429_with_retry_after_and_recover_as_the_clock_moves() throws Exception {
        QuarryConfig base = quarry.config();
        var limits = new ServerConfig.Limits(65536, Map.of(Role.READER, 2), Duration.ofSeconds(5));
        var limited = new ServerConfig("127.0.0.1", 0, base.server().apiKeys(), null, limits);
        AtomicLong now = new AtomicLong();
        try (ApiServer second = new ApiServer(quarry, limited, new IngestRoots(List.of()), now::get).start()) {
            Http client = new Http(second.port());
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", READER).status()).isEqualTo(200);
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", READER).status()).isEqualTo(200);
            Http.Response limitedResponse = client.request("GET", "/v1/deployments", null, "api-key", READER);
            assertThat(limitedResponse.status()).isEqualTo(429);
            assertThat(limitedResponse.header("Retry-After")).isEqualTo("30");
            assertThat(limitedResponse.json().get("title").asText()).isEqualTo("Too many requests");
            Call mcp = CALLS.get("POST /mcp");
            List<String> headers = new ArrayList<>(mcp.headers());
            headers.addAll(List.of("api-key", READER));
            assertThat(client.request("POST", "/mcp", mcp.body(), headers.toArray(String[]::new)).status())
                    .as("MCP calls take from the same limit").isEqualTo(429);
            // Admins are not limited here, and probes never are.
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", ADMIN).status()).isEqualTo(200);
            assertThat(client.get("/healthz").status()).isEqualTo(200);
            now.addAndGet(Duration.ofSeconds(30).toNanos());
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", READER).status()).isEqualTo(200);
        }
    }

    @Test
    void wrong_keys_are_throttled_per_address_before_any_key_is_checked() {
        QuarryConfig base = quarry.config();
        var limited = new ServerConfig("127.0.0.1", 0, base.server().apiKeys(), null, base.server().limits());
        AtomicLong now = new AtomicLong();
        try (ApiServer second = new ApiServer(quarry, limited, new IngestRoots(List.of()), now::get).start()) {
            Http client = new Http(second.port());
            for (int i = 0; i < RateLimiter.FAILED_AUTHENTICATIONS_PER_MINUTE; i++) {
                assertThat(client.request("GET", "/v1/deployments", null, "api-key", "guess-" + i + "-xxxxxxxxxxxx").status()).isEqualTo(401);
            }
            Http.Response throttled = client.request("GET", "/v1/deployments", null, "api-key", "guess-x-xxxxxxxxxxxx");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isEqualTo("2");
            assertThat(throttled.contentType()).startsWith("application/problem+json");
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", READER).status())
                    .as("a right key from a throttled address learns nothing either").isEqualTo(429);
            assertThat(client.get("/healthz").status()).isEqualTo(200);
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(client.request("GET", "/v1/deployments", null, "api-key", READER).status()).isEqualTo(200);
        }
    }

    @Test
    void text_no_file_name_can_hold_is_a_400_and_the_audit_trail_stays_whole() throws Exception {
        Http.Response surrogate = http.request("POST", "/v1/ingest", "{\"folder\":\"\\ud800\"}", "Authorization", "Bearer " + WRITER);
        assertThat(surrogate.status()).as(surrogate.body()).isEqualTo(400);
        assertThat(surrogate.json().get("field").asText()).isEqualTo("folder");
        Http.Response after = http.request("DELETE", "/v1/documents/never-there.md", null, "Authorization", "Bearer " + WRITER);
        assertThat(after.status()).isEqualTo(404);

        List<String> lines = Files.readAllLines(quarry.config().dataDir().resolve("audit.jsonl"));
        for (String line : lines) assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).isObject()).as(line).isTrue();
        assertThat(lines.getLast()).contains("never-there.md");
        assertThat(lines.get(lines.size() - 2)).contains("/v1/ingest", "\"status\":400", "rejected");
    }

    @Test
    void json_nested_beyond_the_parser_limit_is_a_400_naming_body() {
        String deep = "{\"query\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        Http.Response r = http.request("POST", "/v1/search", deep, "Authorization", "Bearer " + READER);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("body");
    }

    @Test
    void chat_is_limited_by_tokens_per_minute_per_deployment() {
        upstream.reply(new FakeOpenAiServer.Reply.Answer("Feed it daily [1].", false));
        String ask = "{\"deployment\":\"metered\",\"strictness\":0.1,\"k\":5,\"maxTokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"how do I feed a starter?\"}]}";
        Http.Response first = http.request("POST", "/v1/chat", ask, "Authorization", "Bearer " + READER);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        // About 1700 of the 3000 tokens a minute are gone; a second such question must wait.
        Http.Response second = http.request("POST", "/v1/chat", ask, "Authorization", "Bearer " + READER);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().get("detail").asText()).contains("metered");
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 60);
        Http.Response compared = http.request("POST", "/v1/compare", "{\"query\":\"starter\",\"left\":{\"deployment\":\"metered\",\"strictness\":0.1}}",
                "Authorization", "Bearer " + READER);
        assertThat(compared.status()).as("compare answers through the same quota").isEqualTo(429);
        assertThat(upstream.requests()).hasSize(1);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void every_write_is_audited_with_who_what_and_outcome() throws Exception {
        String folder = "{\"folder\":" + json(docs.toString()) + "}";
        assertThat(http.request("POST", "/v1/ingest", folder, "Authorization", "Bearer " + WRITER).status()).isEqualTo(202);
        assertThat(http.request("POST", "/v1/ingest", folder, "Authorization", "Bearer " + READER).status()).isEqualTo(403);
        Http.Response delete = http.request("DELETE", "/v1/documents/bikes.md", null, "Authorization", "Bearer " + WRITER);
        assertThat(delete.status()).isEqualTo(204);
        assertThat(http.request("GET", "/v1/documents/bikes.md", null, "Authorization", "Bearer " + READER).status()).isEqualTo(404);

        JsonNode entries = http.request("GET", "/v1/audit?limit=3", null, "Authorization", "Bearer " + ADMIN).json().get("entries");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("method").asText()).isEqualTo("DELETE");
        assertThat(entries.get(0).get("target").asText()).isEqualTo("bikes.md");
        assertThat(entries.get(0).get("caller").asText()).startsWith("writer-");
        assertThat(entries.get(0).get("outcome").asText()).isEqualTo("ok");
        assertThat(entries.get(1).get("caller").asText()).startsWith("reader-");
        assertThat(entries.get(1).get("outcome").asText()).isEqualTo("denied");
        assertThat(entries.get(2).get("target").asText()).isEqualTo("default:" + docs);
        assertThat(entries.get(2).get("status").asInt()).isEqualTo(202);
        Http.Response badLimit = http.request("GET", "/v1/audit?limit=0", null, "Authorization", "Bearer " + ADMIN);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.contentType()).startsWith("application/problem+json");
        assertThat(badLimit.json().get("field").asText()).isEqualTo("limit");
        assertThat(Files.readString(quarry.config().dataDir().resolve("audit.jsonl")))
                .contains("\"target\":\"bikes.md\"").doesNotContain(WRITER);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
    }

    @Test
    void server_is_healthy_after_all_of_it() {
        every_route_with_every_caller().forEach(t -> {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                throw new AssertionError(t.getDisplayName(), e);
            }
        });
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        Http.Response studio = http.get("/");
        assertThat(studio.status()).as("the studio page needs no key: it asks for one").isEqualTo(200);
        assertThat(studio.contentType()).startsWith("text/html");
        assertThat(http.get("/readyz").json().get("status").asText()).isEqualTo("ready");
        Http.Response search = http.request("POST", "/v1/search", "{\"query\":\"meteor\",\"k\":1}", "Authorization", "Bearer " + READER);
        assertThat(search.json().get("hits").get(0).get("path").asText()).isEqualTo("stars.txt");
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder response = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String line; (line = in.readLine()) != null; ) response.append(line).append('\n');
            return response.toString();
        }
    }
}
