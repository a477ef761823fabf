package dev.quarry.search;

import dev.quarry.embed.Vectors;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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

    static boolean sameText(String a, String b) {
        Set<Long> x = triples(a);
        Set<Long> y = triples(b);
        Set<Long> shorter = x.size() <= y.size() ? x : y;
        Set<Long> longer = shorter == x ? y : x;
        if (shorter.isEmpty()) return false;
        long shared = shorter.stream().filter(longer::contains).count();
        return shared >= SHARED * shorter.size();
    }

    /** The text's word triples, each as a hash: case, punctuation and markup between words do not count. */
    private static Set<Long> triples(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        Set<Long> out = new HashSet<>();
        long a = 0;
        long b = 0;
        int seen = 0;
        for (String word : words) {
            if (word.isEmpty()) continue;
            long c = word.hashCode();
            if (++seen >= 3) out.add((a * 31 + b) * 1_000_003L + c);
            a = b;
            b = c;
        }
        return out;
    }
}
