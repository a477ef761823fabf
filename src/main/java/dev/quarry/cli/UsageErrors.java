package dev.quarry.cli;

import dev.quarry.error.Suggestions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot be read is one line on standard error, as a configuration error is: the wrong word,
 * the word probably meant and where to look, then exit 2. Picocli's default prints the whole usage after it, which
 * pushes the one line that matters off the screen.
 */
final class UsageErrors {

    static final int EXIT = 2;

    private UsageErrors() {
    }

    static int handle(ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("quarry: " + message(e));
        e.getCommandLine().getErr().flush();
        return EXIT;
    }

    static String message(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String command = spec.qualifiedName();
        String help = "see '" + command + " --help'";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().getFirst();
            if (word.startsWith("-")) {
                String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                return "unknown option '" + option + "' for " + command + meant(option, optionNames(spec)) + " (" + help + ")";
            }
            if (!spec.subcommands().isEmpty()) {
                List<String> commands = new ArrayList<>(spec.subcommands().keySet());
                return "unknown command '" + word + "'" + meant(word, commands) + " (commands: " + String.join(", ", commands)
                        + "; " + help + ")";
            }
            return "unexpected argument '" + word + "' for " + command + " (" + help + ")";
        }
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + conversion.getMessage();
        }
        return e.getMessage() + " (" + help + ")";
    }

    private static String meant(String word, List<String> candidates) {
        return Suggestions.closest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) names.addAll(List.of(option.names()));
        return names;
    }
}
