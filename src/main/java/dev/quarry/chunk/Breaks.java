package dev.quarry.chunk;

import dev.quarry.text.TokenSpans;
import java.text.BreakIterator;
import java.util.Locale;

/** How good a place the gap before each token is for a cut: paragraph, sentence or plain token boundary. */
final class Breaks {

    static final int TOKEN = 0;
    static final int SENTENCE = 1;
    static final int PARAGRAPH = 2;

    private final byte[] rank;

    private Breaks(byte[] rank) {
        this.rank = rank;
    }

    static Breaks of(String text, TokenSpans tokens) {
        boolean[] sentenceStart = sentenceStarts(text);
        byte[] rank = new byte[tokens.size() + 1];
        for (int t = 1; t < tokens.size(); t++) {
            String gap = text.substring(tokens.end(t - 1), Math.max(tokens.end(t - 1), tokens.start(t)));
            if (gap.contains("\n\n")) {
                rank[t] = PARAGRAPH;
            } else if (gap.indexOf('\n') >= 0 || sentenceStart[tokens.start(t)]) {
                rank[t] = SENTENCE;
            }
        }
        rank[tokens.size()] = PARAGRAPH;
        return new Breaks(rank);
    }

    /** The rank of the gap before token {@code index}. */
    int rankBefore(int index) {
        return rank[index];
    }

    private static boolean[] sentenceStarts(String text) {
        boolean[] starts = new boolean[text.length() + 1];
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        for (int at = sentences.first(); at != BreakIterator.DONE; at = sentences.next()) {
            // A boundary sits after trailing spaces; mark the first non-space character from there.
            int c = at;
            while (c < text.length() && Character.isWhitespace(text.charAt(c))) c++;
            starts[c] = true;
        }
        return starts;
    }
}
