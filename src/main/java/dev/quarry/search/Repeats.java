package dev.quarry.search;

import dev.quarry.embed.Vectors;
import java.util.Arrays;

/**
 * Whether a hit repeats the text of one ranked above it: the same page in two formats (a manual's HTML and its
 * source text), a paragraph included in several pages, a file copied to two folders. A hit is a repeat when most of
 * the shorter text's word triples are in the other: chunk edges fall differently in two copies of the same text, so
 * neither text needs to hold all of the other. Only pairs whose vectors are close are compared as text.
 */
final class Repeats {

    /**
     * Below this cosine two chunks are not compared as text. In Debian's git manual (its pages in HTML and as text),
     * the 72 pairs among 20 questions' top 20 hits that shared 0.8 of their triples had cosines of 0.87 and more.
     */
    private static final double CLOSE = 0.85;
    /** The share of the shorter text's word triples found in the other that makes it a repeat. */
    private static final double SHARED = 0.8;

    private Repeats() {
    }

    static boolean close(float[] a, float[] b) {
        return Vectors.dot(a, b) >= CLOSE;
    }

    /** Whether texts with these {@link #triples} are the same text. */
    static boolean sameText(long[] a, long[] b) {
        long[] shorter = a.length <= b.length ? a : b;
        long[] longer = shorter == a ? b : a;
        if (shorter.length == 0) return false;
        int shared = 0;
        for (int i = 0, j = 0; i < shorter.length && j < longer.length; ) {
            if (shorter[i] == longer[j]) {
                shared++;
                i++;
                j++;
            } else if (shorter[i] < longer[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared >= SHARED * shorter.length;
    }

    /**
     * The text's word triples, each as a hash, sorted and each once: case, punctuation and markup between words do
     * not count. One pass over the characters, since a search may take them of a dozen chunks.
     */
    static long[] triples(String text) {
        long[] out = new long[16];
        int n = 0;
        long first = 0;
        long second = 0;
        int words = 0;
        long word = 0;
        boolean inWord = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word = word * 31 + Character.toLowerCase(c);
                inWord = true;
                continue;
            }
            if (!inWord) continue;
            if (++words >= 3) {
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = (first * 1_000_003L + second) * 1_000_003L + word;
            }
            first = second;
            second = word;
            word = 0;
            inWord = false;
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[unique++] = sorted[i];
        return Arrays.copyOf(sorted, unique);
    }
}
