package dev.quarry.chat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import dev.quarry.openai.OpenAiClients;
import dev.quarry.safety.ContentFilterException;
import dev.quarry.safety.UpstreamFilter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A chat deployment on Azure OpenAI or an OpenAI-compatible server, through the official SDK. The SDK retries
 * 429 (honouring Retry-After) and 5xx with exponential backoff and jitter up to {@code maxRetries}; what still
 * fails becomes a {@link ChatException} naming the deployment. Azure's content filter, on the prompt (a 400 with code
 * {@code content_filter}) or on the answer (finish reason {@code content_filter}), becomes a
 * {@link ContentFilterException} naming the categories, never an empty or partial answer.
 */
public final class OpenAiChatModel implements ChatModel {

    private final ChatDeploymentConfig config;
    private final OpenAIClient client;

    public OpenAiChatModel(ChatDeploymentConfig config, Map<String, String> env) {
        this.config = config;
        try {
            this.client = OpenAiClients.create(config.kind(), config.endpoint(), env.get(config.apiKeyEnv()), config.apiVersion(),
                    config.timeout(), config.maxRetries(), "chat deployment " + config.name() + " ($" + config.apiKeyEnv() + ")");
        } catch (IllegalArgumentException e) {
            throw new ChatException(e.getMessage(), false, e);
        }
    }

    @Override
    public String deployment() {
        return config.name();
    }

    @Override
    public Generation generate(List<PromptMessage> prompt, GenerationSettings settings, Consumer<String> onToken) {
        ChatCompletionCreateParams params = params(prompt, settings);
        try {
            if (onToken == null) {
                ChatCompletion completion = client.chat().completions().create(params);
                for (ChatCompletion.Choice choice : completion.choices()) {
                    if (choice.finishReason().equals(ChatCompletion.Choice.FinishReason.CONTENT_FILTER)) {
                        throw filtered(false, choice._additionalProperties().get("content_filter_results"));
                    }
                }
                String text = completion.choices().isEmpty() ? "" : completion.choices().getFirst().message().content().orElse("");
                long in = completion.usage().map(u -> u.promptTokens()).orElse(0L);
                long out = completion.usage().map(u -> u.completionTokens()).orElse(0L);
                return new Generation(text, in, out);
            }
            StringBuilder text = new StringBuilder();
            long[] usage = {0, 0};
            boolean[] finished = {false};
            JsonValue[] filtered = {null};
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> {
                    // Azure opens with a chunk that has no choices (content filter results): it carries no text.
                    chunk.choices().forEach(choice -> {
                        choice.delta().content().ifPresent(token -> {
                            text.append(token);
                            onToken.accept(token);
                        });
                        if (choice.finishReason().isPresent()) finished[0] = true;
                        if (choice.finishReason().filter(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER::equals).isPresent()) {
                            filtered[0] = choice._additionalProperties().getOrDefault("content_filter_results", JsonValue.from(Map.of()));
                        }
                    });
                    chunk.usage().ifPresent(u -> {
                        usage[0] = u.promptTokens();
                        usage[1] = u.completionTokens();
                    });
                });
            }
            if (filtered[0] != null) throw filtered(false, filtered[0]);
            // A stream that stops without a finish reason was cut: its text is not a complete answer.
            if (!finished[0]) throw new ChatException("deployment " + config.name() + " stopped streaming before the answer was complete", false, null);
            return new Generation(text.toString(), usage[0], usage[1]);
        } catch (OpenAIServiceException e) {
            if (e.code().filter("content_filter"::equals).isPresent()) {
                throw ContentFilterException.upstream(config.name(), true, UpstreamFilter.errorCategories(e.body().convert(JsonNode.class)));
            }
            throw new ChatException("deployment " + config.name() + " answered HTTP " + e.statusCode(), false, e);
        } catch (OpenAIIoException e) {
            boolean timedOut = OpenAiClients.timedOut(e);
            throw new ChatException("deployment " + config.name() + (timedOut ? " did not answer within "
                    + config.timeout().toSeconds() + " s" : " could not be reached: " + e.getMessage()), timedOut, e);
        } catch (RuntimeException e) {
            if (e instanceof ChatException || e instanceof AnswerAbandonedException || e instanceof ContentFilterException) throw e;
            throw new ChatException("deployment " + config.name() + " failed: " + e.getMessage(), false, e);
        }
    }

    private ContentFilterException filtered(boolean prompt, JsonValue results) {
        return ContentFilterException.upstream(config.name(), prompt, UpstreamFilter.categories(results == null ? null : results.convert(JsonNode.class)));
    }

    private ChatCompletionCreateParams params(List<PromptMessage> prompt, GenerationSettings settings) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(config.model());
        for (PromptMessage m : prompt) {
            switch (m.role()) {
                case "system" -> b.addSystemMessage(m.content());
                case "assistant" -> b.addAssistantMessage(m.content());
                default -> b.addUserMessage(m.content());
            }
        }
        if (settings.temperature() != null) b.temperature(settings.temperature());
        if (settings.topP() != null) b.topP(settings.topP());
        if (settings.maxTokens() != null) b.maxCompletionTokens(settings.maxTokens());
        return b.build();
    }

    @Override
    public void close() {
        client.close();
    }
}
