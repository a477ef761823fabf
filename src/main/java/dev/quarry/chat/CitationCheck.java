package dev.quarry.chat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the {@code [n]} markers of an answer that point at a source given, and removes the rest. A document's own
 * bracketed numbers reach an answer escaped as {@code \[n]}: they are text, never citations, so a document cannot
 * forge one.
 */
final class CitationCheck {

    private static final Pattern MARKER = Pattern.compile("(?<!\\\\)\\[(\\d{1,3})]");

    /** Escapes the bracketed numbers of document text, {@code [7]} to {@code \[7]}, before it is quoted or prompted. */
    static String escapeDocumentMarkers(String documentText) {
        return MARKER.matcher(documentText).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /** The cleaned answer, the source numbers it cites, and how many markers were dropped. */
    record Result(String answer, Set<Integer> cited, int dropped) {
    }

    private CitationCheck() {
    }

    static Result check(String answer, int sources) {
        Set<Integer> cited = new LinkedHashSet<>();
        int[] dropped = {0};
        Matcher m = MARKER.matcher(answer);
        String cleaned = m.replaceAll(match -> {
            int n = Integer.parseInt(match.group(1));
            if (n >= 1 && n <= sources) {
                cited.add(n);
                return Matcher.quoteReplacement(match.group());
            }
            dropped[0]++;
            return "";
        });
        return new Result(cleaned, cited, dropped[0]);
    }
}
