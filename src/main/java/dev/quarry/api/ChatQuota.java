package dev.quarry.api;

import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.security.RateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Charges a question against its deployment's tokens per minute before it is sent, with a rough count: the prompt's
 * characters over four, a few hundred tokens per source read, and the completion asked for.
 */
final class ChatQuota {

    private static final int CHARS_PER_TOKEN = 4;
    private static final int SOURCE_TOKENS = 300;
    private static final int ASSUMED_COMPLETION_TOKENS = 512;

    private final RateLimiter limiter;

    ChatQuota(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Takes the tokens, or throws a 429 saying when they will be there. */
    void charge(String deployment, ChatQuery query, GenerationSettings settings) {
        long tokens = promptChars(query.messages(), settings.systemPrompt()) / CHARS_PER_TOKEN + (long) query.k() * SOURCE_TOKENS
                + (settings.maxTokens() == null ? ASSUMED_COMPLETION_TOKENS : settings.maxTokens());
        Duration wait = limiter.chatTokens(deployment, tokens);
        if (!wait.isZero()) throw Gate.tooManyRequests("the deployment " + deployment + " has used its tokens per minute", wait);
    }

    /** Each deployment's configured tokens per minute; a deployment left out is unlimited. */
    static Map<String, Integer> tokensPerMinute(List<ChatDeploymentConfig> deployments) {
        Map<String, Integer> limits = new HashMap<>();
        for (ChatDeploymentConfig d : deployments) if (d.tokensPerMinute() > 0) limits.put(d.name(), d.tokensPerMinute());
        return limits;
    }

    /** The characters a question sends besides its sources: the conversation and the system prompt, if any. */
    static long promptChars(List<ChatMessage> messages, String systemPrompt) {
        return messages.stream().mapToLong(m -> m.content().length()).sum() + (systemPrompt == null ? 0 : systemPrompt.length());
    }
}
