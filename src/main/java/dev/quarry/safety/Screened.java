package dev.quarry.safety;

import dev.quarry.text.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed document after the safety policy: its (possibly redacted) form, which every offset refers to; how many
 * values of each type it held; the types that make its policy skip it; the spans of tagged values and of text that
 * reads like injected instructions, by which its chunks are tagged.
 */
public record Screened(ParsedDocument document, Map<FindingType, Integer> counts, Set<FindingType> skipFor,
                       List<Finding> tagged, List<Span> injections) {

    /** The tag of a chunk holding text that reads like instructions to a model; chat quotes or omits such chunks. */
    public static final String INJECTION_TAG = "safety:injection";

    /**
     * The tag of every chunk of a document that had values redacted: its original file still holds them, so it is
     * not served.
     */
    public static final String REDACTED_TAG = "safety:redacted";

    /** The tag a chunk holding a tagged value of {@code type} carries, filterable as any tag: {@code safety:email}. */
    public static String tag(FindingType type) {
        return "safety:" + type.label();
    }

    public Screened {
        counts = Map.copyOf(counts);
        skipFor = Set.copyOf(skipFor);
        tagged = List.copyOf(tagged);
        injections = List.copyOf(injections);
    }

    static Screened unchanged(ParsedDocument document) {
        return new Screened(document, Map.of(), Set.of(), List.of(), List.of());
    }

    /** What was found, by label ({@code email}, {@code injection}), for the ingest report. */
    public Map<String, Integer> countsByLabel() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        counts.forEach((type, n) -> out.put(type.label(), n));
        if (!injections.isEmpty()) out.put("injection", injections.size());
        return out;
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
        List<String> tags = new ArrayList<>(types.stream().map(Screened::tag).toList());
        if (injections.stream().anyMatch(s -> s.start() < end && start < s.end())) tags.add(INJECTION_TAG);
        return tags;
    }
}
