package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarry.Quarry;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.collection.Generations;
import dev.quarry.collection.Reindexer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.QuarryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry reindex <collection> --model M}: rebuilds a collection from its sources with another model or
 * chunking into a new generation, swaps it in and keeps the old one for {@code quarry rollback}. Through the running
 * server of the data folder when there is one (which keeps serving meanwhile), else in this process.
 */
@Command(name = "reindex", description = "Re-embed a collection with another model or chunking; the old generation is kept for rollback.")
final class ReindexCommand implements Callable<Integer> {

    /** How often the job's progress is asked for: a reindex takes seconds to hours, a line per second is plenty. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Map<String, String> env;
    // Job statuses carry their creation time.
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    ReindexCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<collection>")
    String collection;

    @Option(names = "--model", description = "A bundled embedding model or the configured one (default: unchanged).")
    String model;

    @Option(names = "--chunk-max-tokens", description = "Tokens per chunk (default: unchanged).")
    Integer maxTokens;

    @Option(names = "--chunk-overlap", description = "Overlap tokens between chunks (default: unchanged).")
    Integer overlap;

    @Option(names = "--no-server", description = "Reindex in this process even when a server runs on the data folder.")
    boolean noServer;

    @Override
    public Integer call() throws InterruptedException {
        QuarryConfig config = ConfigLoader.load(env);
        Optional<JsonNode> served = ServerClient.through(config.dataDir(), noServer, this::throughServer);
        JsonNode done = served.isPresent() ? served.get() : inProcess(config);
        if (!done.path("state").asText().equals("DONE")) {
            throw new QuarryException(QuarryException.Kind.INTERNAL, null, "reindex of " + collection + " failed: "
                    + done.path("error").asText("unknown error") + "; the live generation is unchanged");
        }
        System.out.printf("%s: generation %d is live (%s, %d files, %d chunks embedded); generation %d is kept for"
                        + " `quarry rollback %s`%n", collection, done.path("generation").asInt(), done.path("model").asText(),
                done.path("filesTotal").asInt(), done.path("chunksEmbedded").asInt(), done.path("previous").asInt(), collection);
        return 0;
    }

    private JsonNode throughServer(ServerClient server) throws ServerClient.Unreachable {
        Map<String, Object> body = new LinkedHashMap<>();
        if (model != null) body.put("model", model);
        Map<String, Object> chunking = new LinkedHashMap<>();
        if (maxTokens != null) chunking.put("maxTokens", maxTokens);
        if (overlap != null) chunking.put("overlapTokens", overlap);
        if (!chunking.isEmpty()) body.put("chunking", chunking);
        String path = "/v1/collections/" + collection + "/reindex";
        JsonNode status = server.post(path, body);
        String job = path + "/" + status.path("id").asText();
        try {
            while (!finished(status)) {
                Thread.sleep(POLL);
                status = server.get(job, Map.of(), JsonNode.class);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuarryException(QuarryException.Kind.INTERNAL, null, "interrupted; the server goes on with job " + job, e);
        }
        return status;
    }

    /** Opens every collection of the data folder for writing, as a server would, and waits for the job here. */
    private JsonNode inProcess(QuarryConfig config) throws InterruptedException {
        try (Quarry quarry = Quarry.open(config, env)) {
            Generations generations = quarry.collections().generations();
            ChunkSettings chunking = null;
            if (maxTokens != null || overlap != null) {
                ChunkSettings now = quarry.collection(collection).spec().chunking();
                chunking = new ChunkSettings(maxTokens == null ? now.maxTokens() : maxTokens,
                        overlap == null ? now.overlapTokens() : overlap, now.headingContext());
            }
            Reindexer.Status status = generations.reindex(collection, model, chunking);
            while (status.state() == Reindexer.State.QUEUED || status.state() == Reindexer.State.RUNNING) {
                print(json.valueToTree(status));
                Thread.sleep(POLL);
                status = generations.job(collection, status.id()).orElseThrow();
            }
            return json.valueToTree(status);
        }
    }

    private boolean finished(JsonNode status) {
        print(status);
        String state = status.path("state").asText();
        return state.equals("DONE") || state.equals("FAILED");
    }

    private static void print(JsonNode status) {
        System.err.printf("%s: %s, %d/%d files, %d chunks%n", status.path("phase").asText().toLowerCase(Locale.ROOT),
                status.path("state").asText().toLowerCase(Locale.ROOT), status.path("filesDone").asInt(),
                status.path("filesTotal").asInt(), status.path("chunksEmbedded").asInt());
    }
}
