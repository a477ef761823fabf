package dev.quarry.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Picks the sentences of a hit that share the most query words, compared after the same English analysis
 * (stemming, stop words) as keyword search, and marks those words. Cheap enough to run on every hit.
 */
final class Highlighter {

    private static final int MAX_SENTENCES = 2;

    private final Analyzer analyzer = new EnglishAnalyzer();

    List<Highlight> highlight(String query, String text) {
        Set<String> queryTerms = new HashSet<>();
        analyze(query, (term, start, end) -> queryTerms.add(term));
        if (queryTerms.isEmpty()) return List.of();
        // The text is analyzed once, not sentence by sentence, and sentences without a match are passed over.
        List<int[]> matches = new ArrayList<>();
        analyze(text, (term, start, end) -> {
            if (queryTerms.contains(term)) matches.add(new int[] {start, end});
        });
        if (matches.isEmpty()) return List.of();

        List<Highlight> sentences = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        int next = 0;
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE && next < matches.size(); start = end, end = it.next()) {
            List<int[]> terms = new ArrayList<>();
            while (next < matches.size() && matches.get(next)[0] < end) terms.add(matches.get(next++));
            if (terms.isEmpty()) continue;
            int trimmedEnd = start + text.substring(start, end).stripTrailing().length();
            sentences.add(new Highlight(start, trimmedEnd, text.substring(start, trimmedEnd), terms));
        }
        return sentences.stream()
                .sorted(Comparator.comparingInt((Highlight h) -> distinct(h, text)).reversed())
                .limit(MAX_SENTENCES)
                .sorted(Comparator.comparingInt(Highlight::start))
                .toList();
    }

    private static int distinct(Highlight h, String text) {
        Set<String> words = new HashSet<>();
        for (int[] t : h.terms()) words.add(text.substring(t[0], t[1]).toLowerCase(Locale.ROOT));
        return words.size();
    }

    private interface TermSink {
        void accept(String term, int start, int end);
    }

    private void analyze(String text, TermSink sink) {
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) sink.accept(term.toString(), offsets.startOffset(), offsets.endOffset());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
