package dev.quarry.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Names clusters by their most distinctive words with class-based TF-IDF (as BERTopic does): all text of a cluster
 * is one document; a word scores its frequency in the cluster times log(1 + average words per cluster / its
 * frequency over all clusters). Words are lower-cased, common English words and numbers dropped, not stemmed, so
 * labels stay readable.
 */
final class Labeler {

    static final int TERMS = 5;
    private static final int MIN_LENGTH = 3;

    /** Lucene's English stop words are the few a search engine can drop; a label needs far more left out. */
    private static final CharArraySet STOP_WORDS = new CharArraySet(List.of(
            "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "back", "be", "because",
            "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "down",
            "during", "each", "even", "every", "few", "first", "for", "four", "from", "get", "gets", "give", "good",
            "had", "has", "have", "her", "here", "his", "how", "if", "in", "into", "is", "it", "its", "just", "keep",
            "keeps", "less", "like", "long", "made", "make", "makes", "many", "may", "more", "most", "much", "must",
            "need", "needs", "new", "no", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other",
            "our", "out", "over", "own", "per", "same", "second", "should", "so", "some", "such", "take", "than",
            "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "three", "through",
            "time", "to", "too", "two", "under", "until", "up", "use", "used", "uses", "using", "very", "was", "way",
            "well", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "within",
            "without", "would", "year", "years", "yet", "you", "your", "five", "six", "ten", "day", "days", "around",
            "still", "almost", "another", "enough", "next", "little", "rather", "since", "usually", "already"), true);

    private final Analyzer analyzer = new StandardAnalyzer(STOP_WORDS);

    List<List<String>> label(List<List<String>> clusterTexts) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> overall = new HashMap<>();
        long words = 0;
        for (List<String> texts : clusterTexts) {
            Map<String, Integer> c = new HashMap<>();
            for (String t : texts) words += count(t, c);
            c.forEach((term, n) -> overall.merge(term, n, Integer::sum));
            counts.add(c);
        }
        double averageWords = (double) words / Math.max(1, clusterTexts.size());
        List<List<String>> labels = new ArrayList<>();
        for (Map<String, Integer> c : counts) {
            long total = c.values().stream().mapToLong(Integer::longValue).sum();
            labels.add(c.entrySet().stream()
                    .sorted((a, b) -> Double.compare(score(b, total, overall, averageWords), score(a, total, overall, averageWords)))
                    .limit(TERMS).map(Map.Entry::getKey).toList());
        }
        return labels;
    }

    private static double score(Map.Entry<String, Integer> e, long total, Map<String, Integer> overall, double averageWords) {
        double tf = (double) e.getValue() / Math.max(1, total);
        return tf * Math.log(1 + averageWords / overall.get(e.getKey()));
    }

    private long count(String text, Map<String, Integer> counts) {
        long n = 0;
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                if (t.length() < MIN_LENGTH || !Character.isLetter(t.charAt(0))) continue;
                counts.merge(t, 1, Integer::sum);
                n++;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
