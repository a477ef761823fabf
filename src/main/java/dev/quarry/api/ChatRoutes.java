package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.AnswerAbandonedException;
import dev.quarry.collection.CollectionSearch;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.ChatException;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.ChatService;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.error.Choices;
import dev.quarry.index.ChunkFilter;
import dev.quarry.metrics.QuarryMetrics;
import dev.quarry.safety.ContentFilterException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat}: a grounded answer with numbered citations, as JSON or, with {@code stream: true} or
 * {@code Accept: text/event-stream}, as Server-Sent Events ({@code token}… then {@code citations} and {@code done};
 * {@code error} on failure).
 * {@code GET /v1/deployments} lists what can answer.
 */
final class ChatRoutes {

    private static final Logger log = LoggerFactory.getLogger(ChatRoutes.class);

    static final int MAX_MESSAGES = 50;
    static final int MAX_MESSAGE_CHARS = 8_000;
    /** All messages and the system prompt together; a longer conversation must be trimmed by the client. */
    static final int MAX_PROMPT_CHARS = 32_000;

    private final Scope scope;
    private final Map<String, ChatDeploymentConfig> configs = new LinkedHashMap<>();
    private final ChatQuota quota;
    private final QuarryMetrics metrics;
    private final JsonBodies bodies;
    private final ObjectMapper json;

    /** {@code deployments}: the configured ones, the same for every collection. */
    ChatRoutes(Scope scope, List<ChatDeploymentConfig> deployments, ChatQuota quota, QuarryMetrics metrics,
               JsonBodies bodies, ObjectMapper json) {
        this.metrics = metrics;
        this.scope = scope;
        for (ChatDeploymentConfig d : deployments) configs.put(d.name(), d);
        this.quota = quota;
        this.bodies = bodies;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/chat", this::chat, Access.READER);
        routes.get("/v1/deployments", ctx -> {
            ChatService chat = scope.collections().defaultCollection().chat();
            ctx.json(new DeploymentsResponse(chat.defaultDeployment(), chat.deployments()));
        }, Access.READER);
        routes.get("/v1/deployments/{name}", this::deployment, Access.ADMIN);
    }

    /** The deployments that can answer, and the one that does when a request names none. */
    record DeploymentsResponse(@JsonProperty("default") String defaultDeployment, List<String> chat) {
    }

    /** One deployment's settings; the offline {@code extractive} one has only a name and a kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeploymentResponse(String name, String kind, String endpoint, String model, String apiVersion, String apiKeyEnv,
                              Long timeoutSeconds, Integer maxRetries, Integer tokensPerMinute) {
    }

    /** A deployment's settings for an operator; the key's variable is named and whether it is set, never the key. */
    private void deployment(Context ctx) {
        String name = ctx.pathParam("name");
        ChatDeploymentConfig d = configs.get(name);
        if (d == null) {
            if (!scope.collections().defaultCollection().chat().deployments().contains(name)) {
                throw ApiException.notFound("no deployment '" + name + "'");
            }
            ctx.json(new DeploymentResponse(name, "extractive", null, null, null, null, null, null, null));
            return;
        }
        ctx.json(new DeploymentResponse(d.name(), d.kind().name().toLowerCase(Locale.ROOT), d.endpoint(), d.model(),
                d.apiVersion(), d.apiKeyEnv(), d.timeout().toSeconds(), d.maxRetries(), d.tokensPerMinute()));
    }

    private void chat(Context ctx) throws IOException {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Chat.class);
        ChatQuery query = read(body);
        ChatService chat = CollectionSearch.chat(SearchRequest.collections(ctx, scope, body));
        String deployment = deployment(chat, body);
        GenerationSettings settings = settings(body);
        quota.charge(deployment == null ? chat.defaultDeployment() : deployment, query, settings);
        if (!streams(body, ctx.header("Accept"))) {
            ctx.json(chat.answer(query, deployment, settings, null));
            return;
        }
        ctx.contentType("text/event-stream").header("Cache-Control", "no-cache");
        // The servlet's own stream: Javalin's compressing wrapper ignores flush(), which held tokens back in 32 KB
        // bursts and hid a client that had left until the response ended.
        SseStream events = new SseStream(ctx.res().getOutputStream(), json);
        try {
            ChatAnswer answer = chat.answer(query, deployment, settings, token -> events.send("token", new TokenEvent(token)));
            events.send("citations", answer.citations());
            events.send("done", new DoneEvent(answer.deployment(), answer.notFound(), answer.usage()));
        } catch (AnswerAbandonedException e) {
            metrics.chatAbandoned();
            log.info("The client left a streamed answer before its end");
        } catch (ContentFilterException e) {
            // Cut where the filter matched: the partial answer already sent is not an answer.
            Audit.contentFiltered(ctx, e);
            metrics.contentFiltered(e.blocklist() != null ? "blocklist" : "upstream");
            events.sendIfOpen("error", new ErrorEvent("Content filtered", e.getMessage(), Problems.CONTENT_FILTER,
                    e.blocklist(), e.categories()));
        } catch (RuntimeException e) {
            if (e instanceof ChatException failure) metrics.upstreamFailure(failure.timedOut());
            // The partial answer already sent is marked as failed; nothing of it is kept as an answer.
            events.sendIfOpen("error", new ErrorEvent("Answer failed", e.getMessage() == null ? e.toString() : e.getMessage(),
                    null, null, List.of()));
        }
    }

    /** The data of a streamed answer's events: {@code token}…, then {@code citations} (a list) and {@code done}. */
    record TokenEvent(String text) {
    }

    record DoneEvent(String deployment, boolean notFound, ChatAnswer.Usage usage) {
    }

    /**
     * The last event of a stream that failed: what was sent before it is not an answer. A content filter's names
     * its problem {@code type} and the {@code blocklist} or {@code categories}, as its problem JSON would.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ErrorEvent(String title, String detail, String type, String blocklist, List<String> categories) {
    }

    /**
     * Whether to answer as Server-Sent Events: as {@code stream} says when the body has it, else when the client
     * accepts {@code text/event-stream} (and prefers it to JSON, if it names both), as an EventSource-style client
     * that sends only the header expects.
     */
    static boolean streams(JsonBody body, String accept) {
        if (body.has("stream")) return body.bool("stream", false);
        if (accept == null) return false;
        double events = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].strip().split("=", 2);
                if (param.length == 2 && param[0].strip().equalsIgnoreCase("q")) q = quality(param[1].strip());
            }
            if (type.equals("text/event-stream")) events = Math.max(events, q);
            if (type.equals("application/json")) json = Math.max(json, q);
        }
        return events > 0 && events >= json;
    }

    /** A media range's weight; a malformed one counts as 1, as if it were not there. */
    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The body's {@code deployment}, null for the default; one the service does not have is a 400 naming the field. */
    static String deployment(ChatService chat, JsonBody body) {
        String deployment = body.text("deployment", null);
        if (deployment != null && !chat.deployments().contains(deployment)) {
            throw ApiException.badRequest(body.name("deployment"), body.name("deployment") + ": unknown deployment '"
                    + deployment + "'; configured: " + chat.deployments());
        }
        return deployment;
    }

    private static GenerationSettings settings(JsonBody body) {
        Double temperature = body.number("temperature", 0, 2);
        Double topP = body.number("topP", 0, 1);
        Integer maxTokens = body.has("maxTokens") ? body.integer("maxTokens", 512, 1, 32_000) : null;
        String systemPrompt = body.text("systemPrompt", null);
        if (systemPrompt != null && systemPrompt.length() > MAX_MESSAGE_CHARS) {
            throw ApiException.badRequest("systemPrompt", "systemPrompt must be at most " + MAX_MESSAGE_CHARS + " characters");
        }
        return new GenerationSettings(temperature, topP, maxTokens, systemPrompt);
    }

    /** Who said a message in a request; the system prompt is a setting of its own, not a message. */
    private enum Speaker { USER, ASSISTANT }

    static ChatQuery read(JsonBody body) {
        List<ChatMessage> messages = new ArrayList<>();
        List<JsonBody> items = body.objects("messages");
        if (items.isEmpty()) throw ApiException.badRequest("messages", "messages must be a non-empty array of {role, content}");
        if (items.size() > MAX_MESSAGES) throw ApiException.badRequest("messages", "at most " + MAX_MESSAGES + " messages, got " + items.size());
        for (int i = 0; i < items.size(); i++) {
            Speaker speaker = items.get(i).choice("role", Speaker.class, null);
            if (speaker == null) throw ApiException.badRequest("messages[" + i + "].role", "messages[" + i + "].role is required");
            String role = Choices.label(speaker);
            String content = items.get(i).requiredText("content");
            if (content.length() > MAX_MESSAGE_CHARS) {
                throw ApiException.badRequest("messages[" + i + "].content", "content must be at most " + MAX_MESSAGE_CHARS + " characters");
            }
            messages.add(new ChatMessage(role, content));
        }
        if (!messages.getLast().role().equals("user")) throw ApiException.badRequest("messages", "the last message must be the user's");
        long promptChars = ChatQuota.promptChars(messages, body.text("systemPrompt", null));
        if (promptChars > MAX_PROMPT_CHARS) {
            throw ApiException.tooLarge("messages", "the conversation and system prompt hold " + promptChars
                    + " characters; the limit is " + MAX_PROMPT_CHARS + ": drop older turns");
        }
        ChunkFilter chunkFilter = body.filter();
        Double strictness = body.number("strictness", 0, 1);
        return new ChatQuery(messages, body.integer("k", 5, 1, 50), chunkFilter,
                strictness == null ? ChatQuery.DEFAULT_STRICTNESS : strictness, body.tuning());
    }
}
