package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.Citation;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.index.ChunkFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat", description = "Ask a question; the answer is built only from your documents, with numbered sources.")
final class ChatCommand implements Callable<Integer> {

    private final Map<String, String> env;

    ChatCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<question>", description = "The question.")
    String question;

    @Option(names = {"-k", "--k"}, description = "Chunks to read (default ${DEFAULT-VALUE}).", defaultValue = "5")
    int k;

    @Option(names = "--strictness", description = "Similarity the best source must reach to answer (default ${DEFAULT-VALUE}).",
            defaultValue = "" + ChatQuery.DEFAULT_STRICTNESS)
    double strictness;

    @Option(names = "--deployment", description = "Chat deployment (default: the first configured, else extractive).")
    String deployment;

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
    String collection;

    @Option(names = "--no-server", description = "Answer in this process even when a server runs on the data folder.")
    boolean noServer;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        Optional<Integer> served = ServerClient.through(config.dataDir(), noServer, this::throughServer);
        if (served.isPresent()) return served.get();
        try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
            ChatAnswer answer = quarry.collection(collection).chat().answer(new ChatQuery(List.of(new ChatMessage("user", question)), k,
                    ChunkFilter.NONE, strictness), deployment, GenerationSettings.DEFAULT, ChatCommand::printToken);
            System.out.println();
            for (Citation c : answer.citations()) printCitation(c.n(), c.title(), c.path(), c.page());
        }
        return 0;
    }

    /** The answer streamed by {@code POST /v1/chat} as Server-Sent Events, printed as in-process. */
    private int throughServer(ServerClient server) throws ServerClient.Unreachable {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", List.of(Map.of("role", "user", "content", question)));
        body.put("k", k);
        body.put("strictness", strictness);
        if (deployment != null) body.put("deployment", deployment);
        if (collection != null) body.put("collection", collection);
        body.put("stream", true);
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader events = new BufferedReader(new InputStreamReader(server.postForStream("/v1/chat", body), StandardCharsets.UTF_8))) {
            String event = null;
            boolean done = false;
            for (String line; (line = events.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && event != null) {
                    JsonNode data = json.readTree(line.substring(6));
                    switch (event) {
                        case "token" -> printToken(data.path("text").asText());
                        case "citations" -> {
                            System.out.println();
                            for (JsonNode c : data) {
                                printCitation(c.path("n").asInt(), c.path("title").asText(null), c.path("path").asText(null),
                                        c.hasNonNull("page") ? c.get("page").asInt() : null);
                            }
                        }
                        case "error" -> {
                            System.out.println();
                            throw new QuarryException(QuarryException.Kind.UPSTREAM, null, data.path("detail").asText());
                        }
                        case "done" -> done = true;
                        default -> { }
                    }
                }
            }
            if (!done) {
                System.out.println();
                throw new QuarryException(QuarryException.Kind.UNAVAILABLE, null, "the server at " + server.base()
                        + " stopped before the answer was complete");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer from " + server.base() + " failed: " + e.getMessage(), e);
        }
        return 0;
    }

    private static void printToken(String token) {
        System.out.print(token);
        System.out.flush();
    }

    private static void printCitation(int n, String title, String path, Integer page) {
        System.out.printf("[%d] %s — %s%s%n", n, title, path, page == null ? "" : ", page " + page);
    }
}
