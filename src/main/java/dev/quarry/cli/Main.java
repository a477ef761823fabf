package dev.quarry.cli;

import dev.quarry.error.ConfigException;
import dev.quarry.embed.EmbeddingException;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexMismatchException;
import dev.quarry.ingest.IngestException;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command. */
@Command(name = "quarry", mixinStandardHelpOptions = true, version = "quarry 0.1.0",
        description = "Semantic search over a folder of documents.",
        subcommands = {ServeCommand.class, IngestCommand.class, SearchCommand.class, EvalCommand.class, RegressCommand.class,
                ClustersCommand.class, ChatCommand.class, CheckCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Lucene and ONNX Runtime's Java side log through java.util.logging; send it to the same log as ours.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(System.getenv(), args));
    }

    /** Runs the command with {@code env} as its environment, so tests can configure it. */
    static int run(Map<String, String> env, String... args) {
        return ChoiceConverter.registerAll(new CommandLine(new Main(), new EnvironmentFactory(env)))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (isUserError(e)) {
                        cmd.getErr().println("quarry: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
    }

    private static boolean isUserError(Exception e) {
        return e instanceof ConfigException || e instanceof IndexException || e instanceof IndexMismatchException
                || e instanceof IngestException || e instanceof EmbeddingException || e instanceof dev.quarry.chat.ChatException || e instanceof dev.quarry.eval.EvalException || e instanceof IllegalArgumentException;
    }
}
