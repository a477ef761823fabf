package dev.quarry.openai;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Builds SDK clients for Azure OpenAI (API-key credential, api-version, deployment paths) and OpenAI-compatible
 * servers (base URL and bearer key), shared by chat and embedding deployments.
 */
public final class OpenAiClients {

    private OpenAiClients() {
    }

    /** {@code key} may be null for OpenAI-compatible servers that need none; Azure always needs one. */
    public static OpenAIClient create(ApiKind kind, String endpoint, String key, String apiVersion,
                                      Duration timeout, int maxRetries, String what) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(endpoint).timeout(timeout).maxRetries(maxRetries);
        if (kind == ApiKind.AZURE) {
            if (key == null || key.isBlank()) throw new IllegalArgumentException(what + ": its API key environment variable is empty");
            builder.credential(AzureApiKeyCredential.create(key))
                    .azureServiceVersion(AzureOpenAIServiceVersion.fromString(apiVersion))
                    .azureUrlPathMode(AzureUrlPathMode.LEGACY);
        } else {
            // Local servers (Ollama, llama.cpp) accept any key; the SDK requires one.
            builder.apiKey(key == null || key.isBlank() ? "none" : key);
        }
        return builder.build();
    }

    /** Whether an SDK I/O failure was a timeout (socket or call), for a 504 rather than a 502. */
    public static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) if (t instanceof InterruptedIOException) return true;
        return false;
    }
}
