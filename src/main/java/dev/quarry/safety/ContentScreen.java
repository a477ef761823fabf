package dev.quarry.safety;

import dev.quarry.text.ParsedDocument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a collection's {@link SafetyPolicy} to each parsed document before it is chunked, so that everything
 * derived from it (stored text, embedded text, BM25 text, offsets) sees the redacted text. Title and heading paths
 * are redacted like the body; only the body's values are counted and tagged.
 */
public final class ContentScreen {

    /** Looks at nothing: for indexes built outside a collection (benchmarks, evaluation). */
    public static final ContentScreen NONE = new ContentScreen(null, null);

    private final Detectors detectors;
    private final SafetyPolicy policy;
    private final InjectionDetector injections = new InjectionDetector();

    public ContentScreen(Detectors detectors, SafetyPolicy policy) {
        this.detectors = detectors;
        this.policy = policy;
    }

    public Screened screen(ParsedDocument doc) {
        if (detectors == null || !policy.scansAnything() && !policy.flagsInjections()) return Screened.unchanged(doc);
        Map<FindingType, Integer> counts = new EnumMap<>(FindingType.class);
        Set<FindingType> skipFor = EnumSet.noneOf(FindingType.class);
        List<Finding> redacted = new ArrayList<>();
        List<Finding> tagged = new ArrayList<>();
        for (Finding f : policy.scansAnything() ? detectors.scan(doc.text()) : List.<Finding>of()) {
            Action action = policy.action(f.type());
            if (action == Action.OFF) continue;
            counts.merge(f.type(), 1, Integer::sum);
            switch (action) {
                case REDACT -> redacted.add(f);
                case TAG -> tagged.add(f);
                case SKIP_FILE -> skipFor.add(f.type());
                case OFF -> { }
            }
        }
        List<Span> flagged = policy.flagsInjections() ? injections.find(doc.text()) : List.of();
        if (!skipFor.isEmpty()) return new Screened(doc, counts, skipFor, List.of(), flagged);
        if (!policy.redactsAnything()) return new Screened(doc, counts, skipFor, tagged, flagged);
        Redaction redaction = new Redaction(doc.text(), redacted);
        List<ParsedDocument.Section> sections = new ArrayList<>();
        for (ParsedDocument.Section s : doc.sections()) {
            sections.add(new ParsedDocument.Section(redactOnly(s.headingPath()), redaction.map(s.start()), redaction.map(s.end()), s.page()));
        }
        List<Finding> moved = new ArrayList<>();
        for (Finding f : tagged) moved.add(new Finding(f.type(), redaction.map(f.start()), redaction.map(f.end())));
        List<Span> movedFlags = new ArrayList<>();
        for (Span s : flagged) movedFlags.add(new Span(redaction.map(s.start()), redaction.map(s.end())));
        String title = redactOnly(doc.title());
        List<String> tags = doc.tags();
        if (!redacted.isEmpty() || !title.equals(doc.title())) {
            tags = new ArrayList<>(tags);
            tags.add(Screened.REDACTED_TAG);
        }
        ParsedDocument clean = new ParsedDocument(title, redaction.text(), sections, tags, doc.type());
        return new Screened(clean, counts, skipFor, moved, movedFlags);
    }

    /** A title or heading with the values its policy redacts replaced, and nothing counted. */
    private String redactOnly(String text) {
        if (!policy.redactsAnything()) return text;
        List<Finding> redacted = detectors.scan(text).stream().filter(f -> policy.action(f.type()) == Action.REDACT).toList();
        return redacted.isEmpty() ? text : new Redaction(text, redacted).text();
    }
}
