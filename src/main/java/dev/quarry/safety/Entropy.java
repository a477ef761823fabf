package dev.quarry.safety;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of a string's characters: how random a value looks. */
final class Entropy {

    private Entropy() {
    }

    static double bitsPerChar(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < s.length(); i++) counts.merge(s.charAt(i), 1, Integer::sum);
        double bits = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
