package dev.quarry.chat;

import java.util.List;
import java.util.function.Consumer;

/** A generative model behind a named deployment. */
public interface ChatModel extends AutoCloseable {

    /** One message of a prompt: role system, user or assistant. */
    record PromptMessage(String role, String content) {
    }

    /** The generated text and its token usage (0 when the server does not report it). */
    record Generation(String text, long promptTokens, long completionTokens) {
    }

    String deployment();

    /** Generates an answer; {@code onToken}, when not null, receives the text as it streams in. */
    Generation generate(List<PromptMessage> prompt, GenerationSettings settings, Consumer<String> onToken);

    @Override
    void close();
}
