package dev.quarry.cli;

import dev.quarry.cluster.ClusterExport;
import dev.quarry.cluster.ClusterSettings;
import dev.quarry.error.Choices;
import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchMode;
import dev.quarry.search.TuningChoice;
import picocli.CommandLine;

/**
 * Options that name an enum constant (or a tuning choice) are read by {@link Choices}, as quarry.yaml and requests are, so a wrong name
 * gets the same message.
 */
final class ChoiceConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private final Class<E> type;

    private ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        return Choices.parse(type, value, CommandLine.TypeConversionException::new);
    }

    /** Every enum the commands' options use; picocli's own enum reading would list upper-case names. */
    static CommandLine registerAll(CommandLine cli) {
        register(cli, SearchMode.class);
        register(cli, FusionSettings.Method.class);
        register(cli, ClusterSettings.Level.class);
        register(cli, ClusterExport.class);
        cli.registerConverter(TuningChoice.class, value -> {
            try {
                return TuningChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        return cli;
    }

    private static <E extends Enum<E>> void register(CommandLine cli, Class<E> type) {
        cli.registerConverter(type, new ChoiceConverter<>(type));
    }
}
