package dev.quarry.error;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The valid word a mistyped one was probably meant to be: a configuration key, a request field, an enum name, a
 * command or an option. Words are compared without case and without {@code _}, {@code -} or spaces inside them
 * ({@code max_tokens} is {@code maxTokens}); close means a few edits apart (one per three letters, at least one, and fewer than the word
 * has) or a prefix of at least three letters, so "maxToken" suggests "maxTokens" while an unrelated word, or "x" for
 * "k", suggests nothing rather than a guess.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word}, ignoring case, if any is close enough to be what was meant. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word == null || word.isBlank()) return Optional.empty();
        String w = fold(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = fold(candidate);
            int distance = distance(w, c);
            boolean close = distance <= Math.max(1, Math.min(w.length(), c.length()) / 3) && distance < w.length()
                    || w.length() >= 3 && c.startsWith(w);
            if (close && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Separators inside a word go; leading dashes stay, since they tell an option's long form from its short one. */
    private static String fold(String word) {
        return word.strip().toLowerCase(Locale.ROOT).replaceAll("(?<=[a-z0-9])[_\\-\\s]+", "");
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
