package dev.quarry.chunk;

import dev.quarry.text.TokenSpans;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * How good a place the gap before each token is for a cut: paragraph, sentence or plain token boundary. The break
 * after a label (a short paragraph that does not end a sentence: a definition term such as "work_mem (integer)", a
 * lead-in ending in a colon) ranks as a sentence end only, so that the label stays with what it introduces.
 */
final class Breaks {

    static final int TOKEN = 0;
    static final int SENTENCE = 1;
    static final int PARAGRAPH = 2;

    /** The most tokens a label has: a term with its type, a short lead-in. */
    static final int LABEL_TOKENS = 12;

    private final byte[] rank;

    private Breaks(byte[] rank) {
        this.rank = rank;
    }

    static Breaks of(String text, TokenSpans tokens) {
        boolean[] sentenceStart = sentenceStarts(text);
        byte[] rank = new byte[tokens.size() + 1];
        int paragraphStart = 0;
        for (int t = 1; t < tokens.size(); t++) {
            String gap = text.substring(tokens.end(t - 1), Math.max(tokens.end(t - 1), tokens.start(t)));
            if (gap.contains("\n\n")) {
                rank[t] = (byte) (isLabel(text, tokens, paragraphStart, t) ? SENTENCE : PARAGRAPH);
                paragraphStart = t;
            } else if (gap.indexOf('\n') >= 0 || sentenceStart[tokens.start(t)]) {
                rank[t] = SENTENCE;
            }
        }
        rank[tokens.size()] = PARAGRAPH;
        return new Breaks(rank);
    }

    /** Whether tokens {@code from} to {@code to} (exclusive), a paragraph, are one short line that ends no sentence. */
    private static boolean isLabel(String text, TokenSpans tokens, int from, int to) {
        if (to - from > LABEL_TOKENS) return false;
        String paragraph = text.substring(tokens.start(from), tokens.end(to - 1));
        char last = paragraph.charAt(paragraph.length() - 1);
        return paragraph.indexOf('\n') < 0 && last != '.' && last != '!' && last != '?';
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
