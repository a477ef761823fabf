package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.Quarry;
import dev.quarry.collection.Generations;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry generations list|delete} and {@code quarry rollback}: a collection's index generations, through the
 * running server of the data folder when there is one, else in this process.
 */
@Command(name = "generations", description = "List a collection's index generations, or delete one kept for rollback.",
        subcommands = {GenerationsCommand.ListGenerations.class, GenerationsCommand.Delete.class})
final class GenerationsCommand {

    /** Runs {@code local} on the collections opened here, unless the running server answers {@code served}. */
    private static <T> T run(Map<String, String> env, boolean noServer, ServerClient.Call<T> served, Function<Generations, T> local) {
        QuarryConfig config = ConfigLoader.load(env);
        Optional<T> answer = ServerClient.through(config.dataDir(), noServer, served);
        if (answer.isPresent()) return answer.get();
        try (Quarry quarry = Quarry.open(config, env)) {
            return local.apply(quarry.collections().generations());
        }
    }

    @Command(name = "list", description = "The generations on disk: number, model, chunking, size, live or previous.")
    static final class ListGenerations implements Callable<Integer> {

        private final Map<String, String> env;

        ListGenerations(Map<String, String> env) {
            this.env = env;
        }

        @Parameters(paramLabel = "<collection>")
        String collection;

        @Option(names = "--no-server", description = "Read the data folder in this process even when a server runs on it.")
        boolean noServer;

        @Override
        public Integer call() {
            ObjectMapper json = new ObjectMapper();
            JsonNode generations = run(env, noServer,
                    server -> server.get("/v1/collections/" + collection + "/generations", Map.of(), JsonNode.class).path("generations"),
                    local -> json.valueToTree(local.list(collection)));
            for (JsonNode g : generations) {
                System.out.printf("%d  %s, chunks of %d tokens (overlap %d), %d chunks, %.1f MB%s%n", g.path("number").asInt(),
                        g.path("model").asText(), g.at("/chunking/maxTokens").asInt(), g.at("/chunking/overlapTokens").asInt(),
                        g.path("chunks").asInt(), g.path("bytes").asLong() / 1e6,
                        g.path("live").asBoolean() ? "  (live)" : g.path("previous").asBoolean() ? "  (previous)" : "");
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a generation kept for rollback (never the live one).")
    static final class Delete implements Callable<Integer> {

        private final Map<String, String> env;

        Delete(Map<String, String> env) {
            this.env = env;
        }

        @Parameters(index = "0", paramLabel = "<collection>")
        String collection;

        @Parameters(index = "1", paramLabel = "<generation>")
        int generation;

        @Option(names = "--no-server", description = "Delete in this process even when a server runs on the data folder.")
        boolean noServer;

        @Override
        public Integer call() {
            run(env, noServer, server -> {
                server.delete("/v1/collections/" + collection + "/generations/" + generation);
                return null;
            }, local -> {
                local.delete(collection, generation);
                return null;
            });
            System.out.println("deleted generation " + generation + " of " + collection);
            return 0;
        }
    }

    @Command(name = "rollback", description = "Make a kept generation live again (default: the one live before the last reindex).")
    static final class Rollback implements Callable<Integer> {

        private final Map<String, String> env;

        Rollback(Map<String, String> env) {
            this.env = env;
        }

        @Parameters(paramLabel = "<collection>")
        String collection;

        @Option(names = "--to", paramLabel = "<generation>", description = "The generation to make live.")
        Integer generation;

        @Option(names = "--no-server", description = "Roll back in this process even when a server runs on the data folder.")
        boolean noServer;

        @Override
        public Integer call() {
            int live = run(env, noServer, server -> server.post("/v1/collections/" + collection + "/rollback",
                    generation == null ? Map.of() : Map.of("generation", generation)).path("generation").asInt(),
                    local -> local.rollback(collection, generation));
            System.out.println(collection + ": generation " + live + " is live");
            return 0;
        }
    }
}
