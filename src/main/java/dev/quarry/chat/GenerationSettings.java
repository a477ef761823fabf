package dev.quarry.chat;

/** Sampling settings passed to a generative deployment; null means the deployment's default. */
public record GenerationSettings(Double temperature, Double topP, Integer maxTokens, String systemPrompt) {

    public static final GenerationSettings DEFAULT = new GenerationSettings(null, null, null, null);
}
