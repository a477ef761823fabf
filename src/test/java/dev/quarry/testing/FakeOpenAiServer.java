package dev.quarry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Azure OpenAI and OpenAI-compatible servers on 127.0.0.1, speaking their wire protocol for chat
 * completions: JSON answers, SSE streams of chunks (with Azure's choice-less first chunk), error bodies with status
 * codes and Retry-After. Tests script its replies in order; every request is recorded.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply. */
    public sealed interface Reply {
        /** An answer, sent as JSON or as a stream depending on the request; {@code cut} breaks a stream mid-way. */
        record Answer(String text, boolean cut) implements Reply {
        }

        record Error(int status, String retryAfter) implements Reply {
        }

        record Slow(long millis) implements Reply {
        }

        /** A streamed answer whose text comes at once and whose end (finish reason, [DONE]) once the test releases it. */
        record Drip(String text, java.util.concurrent.CountDownLatch release) implements Reply {
        }

        /** An answer held back until the test releases it (at most a minute), for tests of requests in flight. */
        record Held(java.util.concurrent.CountDownLatch release) implements Reply {
        }

        /** Azure's content filter stopping the prompt: a 400 with code content_filter and the category results. */
        record PromptFiltered(List<String> categories) implements Reply {
        }

        /**
         * Azure's content filter stopping the answer: finish reason content_filter after {@code partial} (streamed
         * first, or as the message content), with the category results on the choice.
         */
        record AnswerFiltered(String partial, List<String> categories) implements Reply {
        }
    }

    /** A request the server received. */
    public record Request(String path, String query, Map<String, String> headers, JsonNode body) {
        public String lastUserMessage() {
            JsonNode messages = body.get("messages");
            return messages.get(messages.size() - 1).get("content").asText();
        }
    }

    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Javalin app;

    public FakeOpenAiServer() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.post("/v1/chat/completions", this::complete);
            config.routes.post("/openai/deployments/{deployment}/chat/completions", this::complete);
            config.routes.post("/v1/embeddings", this::embed);
            config.routes.post("/openai/deployments/{deployment}/embeddings", this::embed);
        }).start();
    }

    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + app.port() + "/v1";
    }

    public String azureEndpoint() {
        return "http://127.0.0.1:" + app.port();
    }

    public FakeOpenAiServer reply(Reply... scripted) {
        replies.addAll(List.of(scripted));
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    private void complete(Context ctx) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        JsonNode body = JSON.readTree(ctx.body());
        requests.add(new Request(ctx.path(), ctx.queryString(), headers, body));
        Reply reply = replies.poll();
        if (reply == null) reply = new Reply.Answer("No script left.", false);
        switch (reply) {
            case Reply.Error e -> {
                if (e.retryAfter() != null) ctx.header("Retry-After", e.retryAfter());
                ctx.status(e.status()).contentType("application/json").result("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":\"" + e.status() + "\"}}");
            }
            case Reply.Slow s -> {
                Thread.sleep(s.millis());
                ctx.contentType("application/json").result(completion("Too late."));
            }
            case Reply.Held h -> {
                h.release().await(60, java.util.concurrent.TimeUnit.SECONDS);
                ctx.contentType("application/json").result(completion("Too late."));
            }
            case Reply.PromptFiltered f -> ctx.status(400).contentType("application/json").result(promptFiltered(f.categories()));
            case Reply.AnswerFiltered f when body.path("stream").asBoolean(false) -> streamFiltered(ctx, f);
            case Reply.AnswerFiltered f -> ctx.contentType("application/json").result(answerFiltered(f));
            case Reply.Drip d -> stream(ctx, new Reply.Answer(d.text(), false), ctx.path().startsWith("/openai/"), d.release());
            case Reply.Answer a when body.path("stream").asBoolean(false) -> stream(ctx, a, ctx.path().startsWith("/openai/"), null);
            case Reply.Answer a -> ctx.contentType("application/json").result(completion(a.text()));
        }
    }

    /** Embeddings: the fake bag-of-words vector of each input, unless an error is scripted. */
    private void embed(Context ctx) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        JsonNode body = JSON.readTree(ctx.body());
        requests.add(new Request(ctx.path(), ctx.queryString(), headers, body));
        if (replies.peek() instanceof Reply.Error e) {
            replies.poll();
            if (e.retryAfter() != null) ctx.header("Retry-After", e.retryAfter());
            ctx.status(e.status()).contentType("application/json").result("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":\"" + e.status() + "\"}}");
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        JsonNode input = body.get("input");
        for (int i = 0; i < input.size(); i++) {
            List<Float> vector = new ArrayList<>();
            for (float f : FakeEmbedder.vector(input.get(i).asText())) vector.add(f);
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector));
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(Map.of("object", "list", "data", data,
                "model", body.get("model").asText(), "usage", Map.of("prompt_tokens", 1, "total_tokens", 1))));
    }

    private static String completion(String text) throws IOException {
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-fake", "object", "chat.completion", "created", 1_700_000_000,
                "model", "fake-model", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", text))),
                "usage", Map.of("prompt_tokens", 42, "completion_tokens", 7, "total_tokens", 49)));
    }

    private static void stream(Context ctx, Reply.Answer answer, boolean azure, java.util.concurrent.CountDownLatch holdEnd)
            throws IOException, InterruptedException {
        ctx.contentType("text/event-stream");
        OutputStream out = ctx.res().getOutputStream();
        if (azure) {
            // Azure's first chunk carries content-filter results and no choices.
            send(out, Map.of("id", "", "object", "", "created", 0, "model", "", "choices", List.of(),
                    "prompt_filter_results", List.of(Map.of("prompt_index", 0, "content_filter_results", Map.of()))));
        }
        List<String> tokens = new ArrayList<>(List.of(answer.text().split("(?<= )")));
        for (int i = 0; i < tokens.size(); i++) {
            if (answer.cut() && i == tokens.size() / 2) {
                out.flush();
                // Drop the connection mid-stream, as a broken network would: no finish reason, no [DONE].
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close();
                return;
            }
            send(out, chunk(Map.of("content", tokens.get(i)), null));
        }
        if (holdEnd != null) {
            out.flush();
            holdEnd.await(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        send(out, chunk(Map.of(), "stop"));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Azure's per-category results: the named categories filtered at high severity, the others safe. */
    private static Map<String, Object> filterResults(List<String> filtered) {
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        for (String category : List.of("hate", "self_harm", "sexual", "violence")) {
            boolean hit = filtered.contains(category);
            results.put(category, Map.of("filtered", hit, "severity", hit ? "high" : "safe"));
        }
        results.put("jailbreak", Map.of("filtered", filtered.contains("jailbreak"), "detected", filtered.contains("jailbreak")));
        return results;
    }

    private static String promptFiltered(List<String> categories) throws IOException {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management policy."
                + " Please modify your prompt and retry.");
        error.put("type", null);
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        error.put("innererror", Map.of("code", "ResponsibleAIPolicyViolation", "content_filter_result", filterResults(categories)));
        return JSON.writeValueAsString(Map.of("error", error));
    }

    private static String answerFiltered(Reply.AnswerFiltered f) throws IOException {
        Map<String, Object> message = new java.util.HashMap<>(Map.of("role", "assistant"));
        message.put("content", f.partial().isEmpty() ? null : f.partial());
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-fake", "object", "chat.completion", "created", 1_700_000_000,
                "model", "fake-model", "prompt_filter_results", List.of(Map.of("prompt_index", 0, "content_filter_results", filterResults(List.of()))),
                "choices", List.of(Map.of("index", 0, "finish_reason", "content_filter", "message", message,
                        "content_filter_results", filterResults(f.categories()))),
                "usage", Map.of("prompt_tokens", 42, "completion_tokens", 3, "total_tokens", 45)));
    }

    private static void streamFiltered(Context ctx, Reply.AnswerFiltered f) throws IOException {
        ctx.contentType("text/event-stream");
        OutputStream out = ctx.res().getOutputStream();
        send(out, Map.of("id", "", "object", "", "created", 0, "model", "", "choices", List.of(),
                "prompt_filter_results", List.of(Map.of("prompt_index", 0, "content_filter_results", filterResults(List.of())))));
        for (String token : f.partial().split("(?<= )")) {
            if (!token.isEmpty()) send(out, chunk(Map.of("content", token), null));
        }
        Map<String, Object> last = new java.util.HashMap<>(chunk(Map.of(), "content_filter"));
        Map<String, Object> choice = new java.util.HashMap<>(Map.of("index", 0, "delta", Map.of(), "finish_reason", "content_filter",
                "content_filter_results", filterResults(f.categories())));
        last.put("choices", List.of(choice));
        send(out, last);
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> chunk(Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new java.util.HashMap<>(Map.of("index", 0, "delta", delta));
        choice.put("finish_reason", finish);
        return Map.of("id", "chatcmpl-fake", "object", "chat.completion.chunk", "created", 1_700_000_000,
                "model", "fake-model", "choices", List.of(choice));
    }

    private static void send(OutputStream out, Object data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        app.stop();
    }
}
