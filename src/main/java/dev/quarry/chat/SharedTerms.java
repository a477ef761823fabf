package dev.quarry.chat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much of a question's rarer wording a sentence shares, among the sentences an answer is chosen from: each
 * question word weighs by how few of those sentences contain it (a local inverse document frequency), so "deadlock"
 * counts and "the" or a word every sentence repeats does not. Complements the embedding similarity, which ranks a
 * sentence on the same topic as highly as the one that answers.
 */
final class SharedTerms {

    private final List<Set<String>> sentences;
    private final Map<String, Double> weights = new HashMap<>();
    private final double total;

    SharedTerms(String question, List<String> sentenceTexts) {
        this.sentences = sentenceTexts.stream().map(SharedTerms::words).toList();
        double sum = 0;
        for (String word : words(question)) {
            long containing = sentences.stream().filter(s -> s.contains(word)).count();
            double weight = Math.log(1 + sentences.size() / (1.0 + containing));
            weights.put(word, weight);
            sum += weight;
        }
        this.total = sum;
    }

    /** The share, 0..1, of the question's word weight that sentence {@code i} contains. */
    double share(int i) {
        if (total == 0) return 0;
        double shared = 0;
        for (var e : weights.entrySet()) if (sentences.get(i).contains(e.getKey())) shared += e.getValue();
        return shared / total;
    }

    /** Lower-cased words of three letters or more, a plural's final s dropped. */
    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (w.length() < 3) continue;
            out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }
}
