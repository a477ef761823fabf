package dev.quarry.safety;

import dev.quarry.text.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed document after the safety policy: its (possibly redacted) form, which every offset refers to; how many
 * values of each type it held; the types that make its policy skip it; and the spans of tagged values, by which its
 * chunks are tagged.
 */
public record Screened(ParsedDocument document, Map<FindingType, Integer> counts, Set<FindingType> skipFor,
                       List<Finding> tagged) {

    /** The tag a chunk holding a tagged value of {@code type} carries, filterable as any tag: {@code safety:email}. */
    public static String tag(FindingType type) {
        return "safety:" + type.label();
    }

    public Screened {
        counts = Map.copyOf(counts);
        skipFor = Set.copyOf(skipFor);
        tagged = List.copyOf(tagged);
    }

    static Screened unchanged(ParsedDocument document) {
        return new Screened(document, Map.of(), Set.of(), List.of());
    }

    /** Why the file is left out, naming the types only (never a value); null when it is not. */
    public String skipReason() {
        if (skipFor.isEmpty()) return null;
        List<String> labels = new ArrayList<>();
        for (FindingType t : new TreeSet<>(skipFor)) labels.add(t.label());
        return "holds " + String.join(", ", labels) + " (the safety policy skips such files)";
    }

    /** The tags of the chunk {@code [start, end)} of {@link #document()}'s text. */
    public List<String> tags(int start, int end) {
        Set<FindingType> types = new TreeSet<>();
        for (Finding f : tagged) if (f.start() < end && start < f.end()) types.add(f.type());
        return types.stream().map(Screened::tag).toList();
    }
}
