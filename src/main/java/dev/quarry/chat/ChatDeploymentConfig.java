package dev.quarry.chat;

import dev.quarry.error.ConfigException;
import dev.quarry.openai.ApiKind;
import java.time.Duration;

/**
 * A named chat deployment: Azure OpenAI ({@code endpoint} is the resource URL, {@code model} the deployment name,
 * {@code apiVersion} required) or any OpenAI-compatible server ({@code endpoint} is its base URL, such as
 * {@code http://localhost:11434/v1} for Ollama). The key is read from the environment variable {@code apiKeyEnv},
 * never from the file. {@code tokensPerMinute} (0: none) caps the model tokens Quarry asks of it, shared by all callers.
 */
public record ChatDeploymentConfig(String name, ApiKind kind, String endpoint, String model, String apiKeyEnv,
                                   String apiVersion, Duration timeout, int maxRetries, int tokensPerMinute) {

    public static final ApiKind DEFAULT_KIND = ApiKind.OPENAI;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** No cap. */
    public static final int DEFAULT_TOKENS_PER_MINUTE = 0;

    public ChatDeploymentConfig {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ConfigException("chat.deployments[].name", String.valueOf(name), "must be 1-64 letters, digits, '.', '-' or '_'");
        }
        if (name.equals("extractive")) throw new ConfigException("chat.deployments[].name", name, "is reserved for the offline answerer");
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new ConfigException("chat.deployments." + name + ".endpoint", String.valueOf(endpoint), "must be an http(s) URL");
        }
        if (model == null || model.isBlank()) throw new ConfigException("chat.deployments." + name + ".model", String.valueOf(model), "is required");
        if (kind == ApiKind.AZURE && (apiVersion == null || apiVersion.isBlank())) {
            throw new ConfigException("chat.deployments." + name + ".apiVersion", String.valueOf(apiVersion), "is required for Azure OpenAI");
        }
        if (tokensPerMinute < 0) {
            throw new ConfigException("chat.deployments." + name + ".tokensPerMinute", Integer.toString(tokensPerMinute), "must not be negative");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ConfigException("chat.deployments." + name + ".maxRetries", Integer.toString(maxRetries), "must be in 0..10");
        }
    }

    /** What is logged and listed: everything but the key, of which only the variable name is shown. */
    @Override
    public String toString() {
        return name + "(" + kind + " " + endpoint + ", model " + model + ", key from $" + apiKeyEnv + ")";
    }
}
