package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a document's plain text block by block while tracking the heading path each block sits under, so that
 * every parser of a structured format produces sections the same way.
 */
final class StructuredText {

    private final StringBuilder text = new StringBuilder();
    private final List<ParsedDocument.Section> sections = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private int sectionStart = 0;
    private String firstHeading;

    /** Starts a new section at a heading of {@code level} (1 = top); the heading line itself opens the section. */
    void heading(int level, String headingText) {
        String clean = normalize(headingText);
        if (clean.isEmpty()) return;
        closeSection();
        while (!levels.isEmpty() && levels.getLast() >= level) {
            levels.removeLast();
            headings.removeLast();
        }
        levels.add(level);
        headings.add(clean);
        if (firstHeading == null) firstHeading = clean;
        append(clean);
    }

    void block(String blockText) {
        String clean = clean(blockText).strip();
        if (!clean.isEmpty()) append(clean);
    }

    String firstHeading() {
        return firstHeading;
    }

    String text() {
        return text.toString();
    }

    List<ParsedDocument.Section> sections() {
        closeSection();
        return List.copyOf(sections);
    }

    private void append(String block) {
        if (!text.isEmpty()) text.append("\n\n");
        text.append(block);
    }

    private void closeSection() {
        if (text.length() > sectionStart) {
            sections.add(new ParsedDocument.Section(String.join(" > ", headings), sectionStart, text.length()));
        }
        sectionStart = text.isEmpty() ? 0 : text.length() + 2;
    }

    private static String normalize(String s) {
        return clean(s).replaceAll("\\s+", " ").strip();
    }

    /**
     * Composed Unicode (NFC) without zero-width spaces, word joiners, stray byte-order marks and soft hyphens, which
     * only split words for search. Joiners that shape scripts (U+200C, U+200D) are kept.
     */
    private static String clean(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("[\\u200B\\u2060\\uFEFF\\u00AD]", "");
    }
}
