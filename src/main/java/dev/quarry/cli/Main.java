package dev.quarry.cli;

import dev.quarry.config.ConfigLoader;
import dev.quarry.error.ConfigException;
import dev.quarry.error.QuarryException;
import dev.quarry.index.lucene.IndexVersions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code quarry} command. */
// The version names Lucene by constants only: every command inherits it, and reading a Lucene class here would load
// Lucene for a search that the running server answers.
@Command(name = "quarry", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        version = {"quarry 0.1.0", "Lucene " + IndexVersions.LUCENE + ", reads indexes of Lucene " + IndexVersions.OLDEST_READABLE_MAJOR
                + " or later"},
        description = "Semantic search over a folder of documents.",
        footer = {"", "Configuration: quarry.yaml here (or QUARRY_CONFIG) and QUARRY_* variables, see README.md.",
                "Logs go to <data>/logs/quarry.log (<data>: QUARRY_DATA, default ./data); --verbose",
                "prints them here too."})
public final class Main implements Runnable {

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, IngestCommand.class, SearchCommand.class,
            EvalCommand.class, RegressCommand.class, ClustersCommand.class, ChatCommand.class, CheckCommand.class,
            UpgradeIndexCommand.class, CollectionsCommand.class, ReindexCommand.class, GenerationsCommand.Rollback.class,
            GenerationsCommand.class, SnapshotCommand.class, JudgmentsCommand.class, TuneCommand.class, McpCommand.class,
            CommandLine.HelpCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also print the log on standard error (it always goes to <data>/logs/quarry.log).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args));
    }

    /** Runs the command with {@code env} as its environment, so tests can configure it. */
    static int run(Map<String, String> env, String... args) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            // Lucene and ONNX Runtime's Java side log through java.util.logging, whose own handler prints to the
            // console; send it to the same log as ours.
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Main main = new Main();
        CommandLine cli = new CommandLine(main, new EnvironmentFactory(env));
        for (Class<?> command : commandsFor(args)) cli.addSubcommand(command);
        return ChoiceConverter.registerAll(cli)
                .setParameterExceptionHandler(UsageErrors::handle)
                .setExecutionStrategy(parsed -> main.execute(parsed, env))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof QuarryException q) {
                        cmd.getErr().println("quarry: " + q.getMessage());
                        return exitCode(q.kind());
                    }
                    // Options checked by the commands themselves (a model that is not bundled, --watch without a folder).
                    if (e instanceof IllegalArgumentException) {
                        cmd.getErr().println("quarry: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
    }

    /**
     * The subcommands this command line needs: only the one it names, when it names one other than help. Picocli reads
     * every registered command's annotations up front, which took a second of a search that a server answers in
     * milliseconds; help, a missing command and a misspelt one get them all, to list them or suggest one.
     */
    static List<Class<?>> commandsFor(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) continue;
            // Hidden from help and suggestions: scripts/quarry runs it.
            if (arg.equals(StartupTrainingCommand.NAME)) return List.of(StartupTrainingCommand.class);
            for (Class<?> command : COMMANDS) {
                String name = command.getAnnotation(Command.class).name();
                if (name.equals(arg) && command != CommandLine.HelpCommand.class) return List.of(command);
            }
            break;
        }
        return COMMANDS;
    }

    /** {@code quarry} alone: which command? */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the command with its log going to the data folder, once the configuration is known to be sound. */
    private int execute(ParseResult parsed, Map<String, String> env) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) last = last.subcommand();
        Object command = last.commandSpec().userObject();
        if (CommandLine.printHelpIfRequested(parsed)) return 0;
        if (command == this || command instanceof CommandLine.HelpCommand) return new CommandLine.RunLast().execute(parsed);
        Path dataDir;
        try {
            dataDir = ConfigLoader.load(env).dataDir();
        } catch (ConfigException e) {
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
        }
        Logs.Console console = verbose ? Logs.Console.VERBOSE : command instanceof ServeCommand ? Logs.Console.SERVER : Logs.Console.QUIET;
        try (Logs logs = Logs.start(dataDir, console)) {
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /**
     * Each kind of failure's exit code, the one place where they are chosen: 1 for what the user can act on (the
     * message says what), 70 (EX_SOFTWARE) for Quarry's own failure. Usage errors exit 2 and a damaged index found
     * by {@code check} 3, before any failure is thrown.
     */
    static int exitCode(QuarryException.Kind kind) {
        return kind == QuarryException.Kind.INTERNAL ? 70 : 1;
    }
}
