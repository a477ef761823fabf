package dev.quarry.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole sentences of a chunk's text that can be quoted as an answer: headings, titles, code, lead-ins ending in
 * a colon, and sentences cut by the chunk's edges are left out. Prose wrapped over several lines (plain text files)
 * reads as one paragraph; list items are their own sentences. Each sentence knows what it comes under: the term it
 * defines (a parameter's name, a function's signature, a table row's first cell) or the heading above it.
 */
final class Sentences {

    /**
     * A quotable sentence: {@code start}..{@code end} in the chunk's text; {@code paragraph} counts from 0;
     * {@code context} is the term or heading it comes under, empty when the chunk names none.
     */
    record Sentence(int start, int end, String text, int paragraph, String context) {

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
    /** Abbreviations after which a sentence goes on, though the break iterator may end it there. */
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "cf.", "vs.", "approx.", "fig.",
            "sec.", "no.", "ch.");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");
    private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?][\"'”’)\\]]*$", Pattern.DOTALL);
    private static final Pattern CODE_LINE = Pattern.compile("^(?:\\s{2,}|\\t)|[;{}=<>$#]\\s*$|^\\s*(?:[$#>]|//|--)\\s");
    /** An identifier that may open a sentence in lower case: {@code re.match()}, {@code pg_dump}, {@code os.path}. */
    private static final String IDENTIFIER = "(?:[a-z]\\w*(?:[._]\\w+)+(?:\\(\\))?|[a-z]\\w*\\(\\))\\s";
    private static final Pattern OPENING_IDENTIFIER = Pattern.compile("^" + IDENTIFIER);
    private static final Pattern IDENTIFIER_AFTER_STOP = Pattern.compile("[.!?]\\s+(?=" + IDENTIFIER + ")");
    /** A word that is code rather than a label: it has a digit, an underscore, a dot, brackets, or is in capitals. */
    private static final Pattern CODE_WORD = Pattern.compile("[\\d_.()\\[\\]]|^\\p{Lu}{2,}$");
    private static final int MIN_WORDS = 4;
    /** A line that is no sentence and at most this long names what follows: a term, a signature, a subheading. */
    private static final int MAX_TERM_WORDS = 16;

    private Sentences() {
    }

    /** The sentences of {@code text}, a chunk under the heading path {@code section} ("Setup > Linux"). */
    static List<Sentence> of(String text, String section) {
        List<String> path = Arrays.stream(section.split(" > ")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Set<String> headings = Set.copyOf(path);
        String context = path.isEmpty() ? "" : path.getLast();
        boolean afterTerm = false;
        List<Sentence> out = new ArrayList<>();
        int paragraph = 0;
        int at = 0;
        for (String block : text.split("\n\n", -1)) {
            int blockStart = at;
            at += block.length() + 2;
            if (block.isBlank()) continue;
            if (headings.contains(block.strip())) {
                context = block.strip();
                afterTerm = false;
                continue;
            }
            if (looksLikeCode(block)) continue;
            int found = out.size();
            // The chunk's last block may be cut short: only a description that ends before the chunk does is whole.
            if (afterTerm && isDescription(block) && at < text.length()) {
                int s = blockStart + (block.length() - block.stripLeading().length());
                out.add(new Sentence(s, s + block.strip().length(), block.strip(), paragraph, context));
            } else {
                for (int[] unit : units(block, blockStart)) addSentences(text, unit[0], unit[1], paragraph, context, out);
            }
            afterTerm = out.size() == found && isTerm(block);
            if (afterTerm) context = block.strip();
            else paragraph++;
        }
        return out;
    }

    /** The paragraph {@code block} (at {@code blockStart}) as units: the paragraph, or each list item on its own. */
    private static List<int[]> units(String block, int blockStart) {
        List<int[]> units = new ArrayList<>();
        int lineStart = blockStart;
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
        return units;
    }

    /** Adds the quotable sentences of one paragraph or list item, {@code from}..{@code to} in {@code text}. */
    private static void addSentences(String text, int from, int to, int paragraph, String context, List<Sentence> out) {
        String unit = text.substring(from, to).replace('\n', ' ');
        Matcher item = LIST_ITEM.matcher(unit);
        int skip = item.find() ? item.end() : 0;
        int start = 0;
        for (int end : boundaries(unit)) {
            if (end < unit.length() && endsWithAbbreviation(unit.substring(start, end))) continue;
            int s = Math.max(start, skip);
            int e = end;
            start = end;
            while (s < e && Character.isWhitespace(unit.charAt(s))) s++;
            while (e > s && Character.isWhitespace(unit.charAt(e - 1))) e--;
            if (s >= e) continue;
            String sentence = unit.substring(s, e);
            if (quotable(sentence, from + s == 0)) out.add(new Sentence(from + s, from + e, sentence, paragraph, context));
        }
    }

    /**
     * Where the sentences of {@code unit} end: the break iterator's boundaries, and before an identifier opening a
     * sentence ("... at the start. re.search() checks ..."), which it takes for the same sentence going on.
     */
    private static TreeSet<Integer> boundaries(String unit) {
        TreeSet<Integer> ends = new TreeSet<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(unit);
        for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) ends.add(end);
        Matcher identifier = IDENTIFIER_AFTER_STOP.matcher(unit);
        while (identifier.find()) ends.add(identifier.end());
        return ends;
    }

    private static boolean endsWithAbbreviation(String piece) {
        String[] words = piece.strip().split("\\s+");
        return ABBREVIATIONS.contains(words[words.length - 1].toLowerCase(Locale.ROOT));
    }

    /**
     * A whole sentence: it starts as sentences start (an identifier such as {@code pg_dump} may open it, except at
     * the chunk's very start, where lower case means the chunk cut a sentence), ends as they end, and has a few words.
     */
    private static boolean quotable(String sentence, boolean atChunkStart) {
        int first = sentence.codePointAt(0);
        boolean opens = Character.isUpperCase(first) || Character.isDigit(first) || "\"'“‘(".indexOf(first) >= 0
                || (!atChunkStart && OPENING_IDENTIFIER.matcher(sentence).find());
        return opens && ENDS_SENTENCE.matcher(sentence).matches() && sentence.split("\\s+").length >= MIN_WORDS;
    }

    /**
     * One short line that is not a sentence: what a definition or a table row describes. Not a lead-in ending in a
     * colon, nor a one-word label such as "Note" or "Tip", which names nothing; one word that is code is a term.
     */
    private static boolean isTerm(String block) {
        String line = block.strip();
        String[] words = line.split("\\s+");
        boolean label = words.length == 1 && !CODE_WORD.matcher(line).find();
        return !line.contains("\n") && !line.endsWith(":") && !label && !ENDS_SENTENCE.matcher(line).matches()
                && words.length <= MAX_TERM_WORDS;
    }

    /** A term's description in a table cell: one line of a few words that starts as a sentence but has no full stop. */
    private static boolean isDescription(String block) {
        String line = block.strip();
        String[] words = line.split("\\s+");
        long lowerCase = Arrays.stream(words).filter(w -> Character.isLowerCase(w.codePointAt(0))).count();
        // Mostly lower-case words: a description, not a title in title case ("Date/Time Functions and Operators").
        return !line.contains("\n") && Character.isUpperCase(line.codePointAt(0)) && !line.endsWith(":")
                && words.length >= MIN_WORDS && lowerCase * 2 >= words.length && !ENDS_SENTENCE.matcher(line).matches();
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
