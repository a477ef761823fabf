package dev.quarry.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole sentences of a chunk's text that can be quoted as an answer: headings, titles, code, lead-ins ending in
 * a colon, and sentences cut by the chunk's edges are left out. Prose wrapped over several lines (plain text files)
 * reads as one paragraph; list items are their own sentences.
 */
final class Sentences {

    /** A quotable sentence: {@code start}..{@code end} in the chunk's text; {@code paragraph} counts from 0. */
    record Sentence(int start, int end, String text, int paragraph) {

        /** Opens with a word that points back ("This", "However"): it needs the sentence before it. */
        boolean leansOnPrevious() {
            String first = text.split("[\\s,]", 2)[0];
            return LEANING.contains(first) || text.startsWith("In this case") || text.startsWith("In that case")
                    || text.startsWith("For example") || text.startsWith("As a result");
        }
    }

    private static final Set<String> LEANING = Set.of("This", "These", "That", "Those", "It", "Its", "They", "Their",
            "Such", "However", "But", "Therefore", "Thus", "Hence", "Otherwise", "Also", "Instead", "Then", "So",
            "Moreover", "Furthermore", "Similarly", "Here", "There");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");
    private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?][\"'”’)\\]]*$", Pattern.DOTALL);
    private static final Pattern CODE_LINE = Pattern.compile("^(?:\\s{2,}|\\t)|[;{}=<>$#]\\s*$|^\\s*(?:[$#>]|//|--)\\s");
    private static final int MIN_WORDS = 4;

    private Sentences() {
    }

    /** The sentences of {@code text}, a chunk under the heading path {@code section} ("Setup > Linux"). */
    static List<Sentence> of(String text, String section) {
        Set<String> headings = Set.copyOf(Arrays.stream(section.split(" > ")).map(String::strip).toList());
        List<Sentence> out = new ArrayList<>();
        int paragraph = 0;
        int at = 0;
        for (String block : text.split("\n\n", -1)) {
            int blockStart = at;
            at += block.length() + 2;
            if (block.isBlank() || headings.contains(block.strip()) || looksLikeCode(block)) continue;
            int lineStart = blockStart;
            List<int[]> units = new ArrayList<>();
            int unitStart = blockStart;
            for (String line : block.split("\n", -1)) {
                // A list item starts a unit of its own; other lines continue the paragraph they wrap.
                if (lineStart > unitStart && LIST_ITEM.matcher(line).find()) {
                    units.add(new int[] {unitStart, lineStart - 1});
                    unitStart = lineStart;
                }
                lineStart += line.length() + 1;
            }
            units.add(new int[] {unitStart, blockStart + block.length()});
            for (int[] unit : units) addSentences(text, unit[0], unit[1], paragraph, out);
            paragraph++;
        }
        return out;
    }

    /** Adds the quotable sentences of one paragraph or list item, {@code from}..{@code to} in {@code text}. */
    private static void addSentences(String text, int from, int to, int paragraph, List<Sentence> out) {
        String unit = text.substring(from, to).replace('\n', ' ');
        Matcher item = LIST_ITEM.matcher(unit);
        int skip = item.find() ? item.end() : 0;
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(unit);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = Math.max(start, skip);
            int e = end;
            while (s < e && Character.isWhitespace(unit.charAt(s))) s++;
            while (e > s && Character.isWhitespace(unit.charAt(e - 1))) e--;
            if (s >= e) continue;
            String sentence = unit.substring(s, e);
            if (quotable(sentence)) out.add(new Sentence(from + s, from + e, sentence, paragraph));
        }
    }

    /** A whole sentence: it starts as sentences start, ends as they end, and has a few words. */
    private static boolean quotable(String sentence) {
        int first = sentence.codePointAt(0);
        boolean opens = Character.isUpperCase(first) || Character.isDigit(first) || "\"'“‘(".indexOf(first) >= 0;
        return opens && ENDS_SENTENCE.matcher(sentence).matches() && sentence.split("\\s+").length >= MIN_WORDS;
    }

    /** Several lines of which most look like code or a command, not prose. */
    private static boolean looksLikeCode(String block) {
        String[] lines = block.split("\n");
        if (lines.length < 2) return CODE_LINE.matcher(block).find() && !ENDS_SENTENCE.matcher(block.strip()).matches();
        int code = 0;
        for (String line : lines) if (CODE_LINE.matcher(line).find()) code++;
        return code * 2 >= lines.length;
    }
}
