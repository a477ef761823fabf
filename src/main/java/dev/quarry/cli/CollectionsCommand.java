package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.collection.CollectionSpec;
import dev.quarry.collection.Collections;
import dev.quarry.collection.Source;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry collections create|list|delete}: the collections in the data folder, while no server holds them. */
@Command(name = "collections", description = "Create, list or delete collections (a running server: use its API).",
        subcommands = {CollectionsCommand.Create.class, CollectionsCommand.ListCollections.class, CollectionsCommand.Delete.class})
final class CollectionsCommand {

    @Command(name = "create", description = "Describe a new collection; fill it with `quarry ingest --collection NAME <folder>`.")
    static final class Create implements Callable<Integer> {

        private final Map<String, String> env;

        Create(Map<String, String> env) {
            this.env = env;
        }

        @Parameters(paramLabel = "<name>", description = "1-64 letters, digits, '-' or '_'.")
        String name;

        @Option(names = "--model", description = "A bundled embedding model or the configured one (default: the configured one).")
        String model;

        @Option(names = "--chunk-max-tokens", description = "Tokens per chunk (default: the configured chunking).")
        Integer maxTokens;

        @Option(names = "--chunk-overlap", description = "Overlap tokens between chunks (default: the configured chunking).")
        Integer overlap;

        @Override
        public Integer call() {
            QuarryConfig config = ConfigLoader.load(env);
            ChunkSettings chunking = null;
            if (maxTokens != null || overlap != null) {
                ChunkSettings d = config.chunking();
                chunking = new ChunkSettings(maxTokens == null ? d.maxTokens() : maxTokens, overlap == null ? d.overlapTokens() : overlap,
                        d.headingContext());
            }
            try (CollectionFactory factory = Quarry.factory(config, env)) {
                CollectionSpec spec = Collections.createDescribed(factory, name, model, chunking);
                System.out.println("created collection " + spec.name() + ": fill it with `quarry ingest --collection "
                        + spec.name() + " <folder>`");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the collections with their model, chunking and sources.")
    static final class ListCollections implements Callable<Integer> {

        private final Map<String, String> env;

        ListCollections(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            QuarryConfig config = ConfigLoader.load(env);
            try (CollectionFactory factory = Quarry.factory(config, env)) {
                for (CollectionSpec spec : Collections.described(factory).values()) {
                    ChunkSettings c = spec.chunking();
                    System.out.printf("%s%s  model %s, chunks of %d tokens (overlap %d)%n", spec.name(),
                            spec.name().equals(config.collection()) ? " (default)" : "", spec.embedding().modelId(), c.maxTokens(), c.overlapTokens());
                    for (Source s : spec.sources()) {
                        System.out.printf("  source %s: %s%n", s.unnamed() ? "(unnamed)" : s.name(), s.folder());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a collection and its index (not its source folders).")
    static final class Delete implements Callable<Integer> {

        private final Map<String, String> env;

        Delete(Map<String, String> env) {
            this.env = env;
        }

        @Parameters(paramLabel = "<name>")
        String name;

        @Override
        public Integer call() {
            try (CollectionFactory factory = Quarry.factory(ConfigLoader.load(env), env)) {
                Collections.deleteDescribed(factory, name);
            }
            System.out.println("deleted collection " + name);
            return 0;
        }
    }
}
