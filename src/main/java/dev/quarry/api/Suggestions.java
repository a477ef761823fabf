package dev.quarry.api;

import java.util.Locale;
import java.util.Optional;

/** The valid name a user most likely meant when they wrote one Quarry does not know. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The closest of {@code names}: equal but for case, {@code _} or {@code -} ({@code max_tokens} for
     * {@code maxTokens}), or within an edit distance that grows with the length (a swap of two letters is one edit).
     * Nothing when none is that close, so {@code x} suggests nothing rather than {@code k}.
     */
    static Optional<String> closest(String unknown, Iterable<String> names) {
        String key = fold(unknown);
        int allowed = key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(key, fold(name));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed && bestDistance < key.length() ? Optional.of(best) : Optional.empty();
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /** Edit distance counting a swap of neighbouring characters as one edit (optimal string alignment). */
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
