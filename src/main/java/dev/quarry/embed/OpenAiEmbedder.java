package dev.quarry.embed;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.quarry.openai.OpenAiClients;
import dev.quarry.text.TextTokenizer;
import java.util.List;
import java.util.Map;

/**
 * Embeddings from an Azure OpenAI or OpenAI-compatible deployment through the SDK, in batches. The SDK retries 429
 * (honouring Retry-After) and 5xx with backoff up to {@code maxRetries}; a batch that still fails fails the ingest
 * rather than leaving chunks without vectors, and the next run resumes from the last commit.
 */
public final class OpenAiEmbedder implements Embedder {

    private final EmbeddingConfig.Remote config;
    private final OpenAIClient client;
    private final ModelInfo info;
    private final ModelTokenizer tokenizer;

    public OpenAiEmbedder(EmbeddingConfig.Remote config, Map<String, String> env) {
        this.config = config;
        try {
            this.client = OpenAiClients.create(config.kind(), config.endpoint(), env.get(config.apiKeyEnv()), config.apiVersion(),
                    config.timeout(), config.maxRetries(), "embeddings deployment " + config.model() + " ($" + config.apiKeyEnv() + ")");
        } catch (IllegalArgumentException e) {
            throw new EmbeddingException(e.getMessage(), e);
        }
        this.info = config.declared().orElseThrow();
        // The server's tokenizer is not available offline; the bundled WordPiece tokenizer counts at least as many
        // tokens for English text, so chunks cut with it always fit.
        this.tokenizer = ModelTokenizer.forChunking(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), config.maxTokens());
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        float[][] out = new float[passages.size()][];
        for (int from = 0; from < passages.size(); from += config.batchSize()) {
            List<String> batch = passages.subList(from, Math.min(passages.size(), from + config.batchSize()));
            List<Embedding> data = request(batch).data();
            if (data.size() != batch.size()) {
                throw new EmbeddingException("embeddings deployment " + config.model() + " returned " + data.size()
                        + " vectors for " + batch.size() + " inputs");
            }
            for (Embedding e : data) out[from + (int) e.index()] = vector(e.embedding());
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(request(List.of(query)).data().getFirst().embedding());
    }

    private CreateEmbeddingResponse request(List<String> inputs) {
        try {
            return client.embeddings().create(EmbeddingCreateParams.builder().model(config.model()).inputOfArrayOfStrings(inputs).build());
        } catch (OpenAIIoException e) {
            boolean timedOut = OpenAiClients.timedOut(e);
            throw EmbeddingException.upstream("embeddings deployment " + config.model() + " at " + config.endpoint()
                    + (timedOut ? " did not answer within " + config.timeout().toSeconds() + " s" : " could not be reached: "
                    + e.getMessage()), timedOut, e);
        } catch (OpenAIException e) {
            throw EmbeddingException.upstream("embeddings deployment " + config.model() + " at " + config.endpoint()
                    + " failed: " + e.getMessage(), false, e);
        }
    }

    private float[] vector(List<Float> values) {
        if (values.size() != config.dimensions()) {
            throw new EmbeddingException("embeddings deployment " + config.model() + " returned " + values.size()
                    + " dimensions, configured " + config.dimensions());
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) v[i] = values.get(i);
        Vectors.normalize(v);
        return v;
    }

    @Override
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        client.close();
        tokenizer.close();
    }
}
