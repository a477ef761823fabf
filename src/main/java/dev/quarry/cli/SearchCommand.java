package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.Choices;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.TuningChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search the index from the command line (through the running server when there is one).")
final class SearchCommand implements Callable<Integer> {

    private final Map<String, String> env;

    SearchCommand(Map<String, String> env) {
        this.env = env;
    }

    private static final int SNIPPET_CHARS = 220;

    @Parameters(paramLabel = "<query>", description = "What to search for.")
    String query;

    @Option(names = {"-k", "--k"}, description = "Number of hits (default ${DEFAULT-VALUE}).", defaultValue = "5")
    int k;

    @Option(names = "--mode", description = "vector, keyword or hybrid (default ${DEFAULT-VALUE}).", defaultValue = "hybrid")
    SearchMode mode;

    @Option(names = "--path-prefix", description = "Only documents whose path starts with this.")
    String pathPrefix;

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
    String collection;

    @Option(names = "--tuning", paramLabel = "<active|none|version>",
            description = "The collection's active tuning profile (default), none, or a saved profile's version.")
    TuningChoice tuning = TuningChoice.ACTIVE;

    @Option(names = "--no-server", description = "Search in this process even when a server runs on the data folder.")
    boolean noServer;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        Optional<Integer> served = ServerClient.through(config.dataDir(), noServer, this::throughServer);
        if (served.isPresent()) return served.get();
        SearchQuery q = SearchQuery.of(query, k, mode).withFilter(ChunkFilter.pathPrefix(pathPrefix)).withTuning(tuning);
        try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
            int rank = 0;
            for (SearchHit hit : quarry.collection(collection).searcher().search(q).hits()) {
                var c = hit.chunk();
                print(++rank, c.title(), hit.score(), c.path(), c.section(), c.text(),
                        hit.repeats().stream().map(SearchHit.Repeat::path).toList());
            }
            if (rank == 0) System.out.println("No hits.");
        }
        return 0;
    }

    /** The same search as {@code POST /v1/search} answers it, printed as in-process. */
    private int throughServer(ServerClient server) throws ServerClient.Unreachable {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("k", k);
        body.put("mode", Choices.label(mode));
        if (pathPrefix != null) body.put("filter", Map.of("pathPrefix", pathPrefix));
        if (collection != null) body.put("collection", collection);
        body.put("tuning", tuning.toString());
        int rank = 0;
        for (JsonNode hit : server.post("/v1/search", body).path("hits")) {
            List<String> repeats = new ArrayList<>();
            hit.path("repeats").forEach(repeat -> repeats.add(repeat.path("path").asText()));
            print(++rank, text(hit, "title"), hit.path("score").asDouble(), text(hit, "path"), text(hit, "section"), text(hit, "text"),
                    repeats);
        }
        if (rank == 0) System.out.println("No hits.");
        return 0;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** A hit; {@code repeats}: the paths of the hits left out because they repeat its text. */
    private static void print(int rank, String title, double score, String path, String section, String text,
                              List<String> repeats) {
        System.out.printf("%d. %s  (%.4f)%n   %s%s%n%s   %s%n%n", rank, title, score, path,
                section == null || section.isEmpty() ? "" : " · " + section,
                repeats.isEmpty() ? "" : "   also in " + String.join(", ", repeats) + System.lineSeparator(), snippet(text));
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "…";
    }
}
