package dev.quarry.index.solr;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Solr collections that rebuilds of one Quarry collection fill, {@code <name>.<n>}, served through an alias
 * named {@code <name>}. Quarry's collection names hold no '.', so no generation is another Quarry collection.
 */
final class SolrGenerations {

    private SolrGenerations() {
    }

    static String of(String name, int number) {
        return name + "." + number;
    }

    /** The generations of {@code name} among {@code collections}. */
    static List<String> all(String name, List<String> collections) {
        Pattern generation = Pattern.compile(Pattern.quote(name + ".") + "\\d{1,9}");
        return collections.stream().filter(c -> generation.matcher(c).matches()).toList();
    }

    /** The number after the highest generation of {@code name} among {@code collections}. */
    static int next(String name, List<String> collections) {
        return all(name, collections).stream().mapToInt(c -> Integer.parseInt(c.substring(name.length() + 1)))
                .max().orElse(0) + 1;
    }
}
