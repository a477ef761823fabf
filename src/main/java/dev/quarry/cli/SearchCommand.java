package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SearchResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search the index from the command line.")
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

    @Override
    public Integer call() {
        SearchQuery q = SearchQuery.of(query, k, mode).withFilter(ChunkFilter.pathPrefix(pathPrefix));
        try (Quarry quarry = Quarry.openReadOnly(ConfigLoader.load(env), env, collection)) {
            SearchResult result = quarry.collection(collection).searcher().search(q);
            int rank = 0;
            for (SearchHit hit : result.hits()) {
                var c = hit.chunk();
                System.out.printf("%d. %s  (%.4f)%n   %s%s%n   %s%n%n", ++rank, c.title(), hit.score(), c.path(),
                        c.section().isEmpty() ? "" : " · " + c.section(), snippet(c.text()));
            }
            if (rank == 0) System.out.println("No hits.");
        }
        return 0;
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "…";
    }
}
