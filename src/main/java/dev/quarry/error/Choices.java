package dev.quarry.error;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Enum constants as users name them, in quarry.yaml, a request or an option: any case, listed in lower case. Every
 * such name is read here, so a wrong one gets the same message wherever it was written; the caller only says whose
 * value it was and which exception its layer throws.
 */
public final class Choices {

    private Choices() {
    }

    /** The constant of {@code type} named {@code name} in any case, with surrounding blanks ignored. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
        return find(List.of(type.getEnumConstants()), name);
    }

    /**
     * The constant named {@code name}; otherwise {@code error} receives the problem, such as
     * {@code must be one of rrf, weighted, adaptive (got 'fast')}, to put after the name of the setting.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, Function<String, ? extends RuntimeException> error) {
        return parse(List.of(type.getEnumConstants()), name, error);
    }

    /** As {@link #parse(Class, String, Function)}, where only some of an enum's constants may be named. */
    public static <E extends Enum<E>> E parse(List<E> allowed, String name, Function<String, ? extends RuntimeException> error) {
        return find(allowed, name).orElseThrow(() -> error.apply(problem(allowed, name)));
    }

    /** What is wrong with {@code name}: the allowed names, what was given and, when one is close, that one. */
    public static String problem(List<? extends Enum<?>> allowed, String name) {
        List<String> labels = allowed.stream().map(Choices::label).toList();
        String suggestion = Suggestions.closest(name, labels).map(s -> "; did you mean '" + s + "'?").orElse("");
        return "must be one of " + String.join(", ", labels) + " (got '" + name + "'" + suggestion + ")";
    }

    /** How users write a constant: its name in lower case. */
    public static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Every constant's label, comma-separated, for help texts. */
    public static String labels(Class<? extends Enum<?>> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Choices::label).toList());
    }

    private static <E extends Enum<E>> Optional<E> find(List<E> allowed, String name) {
        if (name == null) return Optional.empty();
        String wanted = name.strip();
        return allowed.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst();
    }
}
