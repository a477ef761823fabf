package dev.quarry.chat;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.Vectors;
import dev.quarry.search.SearchHit;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers without a language model: splits the retrieved chunks into sentences, scores each by similarity to the
 * question (with the search model, the sentence embedded as a passage and the question as a query), and quotes the
 * best few in their sources' order, each followed by the number of its source. It says that it is extractive.
 */
public final class ExtractiveAnswerer {

    public static final String DEPLOYMENT = "extractive";
    static final String PREAMBLE = "Extractive answer (quoted from your documents, no language model): ";
    private static final int MAX_SENTENCES = 3;
    private static final int MIN_SENTENCE_CHARS = 20;

    private final Embedder embedder;

    public ExtractiveAnswerer(Embedder embedder) {
        this.embedder = embedder;
    }

    /** A sentence of a source, where it sits in the chunk's text. */
    record Sentence(int source, int order, int start, int end, String text) {
    }

    public ChatAnswer answer(String question, List<SearchHit> sources) {
        List<Sentence> sentences = sentences(sources);
        if (sentences.isEmpty()) return new ChatAnswer(PREAMBLE + "the documents found have no sentences to quote.", List.of(), DEPLOYMENT, true);
        float[] q = embedder.embedQuery(question);
        float[][] vectors = embedder.embedPassages(sentences.stream().map(Sentence::text).toList());
        List<Integer> best = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) best.add(i);
        best.sort(Comparator.comparingDouble((Integer i) -> Vectors.dot(q, vectors[i])).reversed());
        List<Sentence> chosen = best.stream().limit(MAX_SENTENCES).map(sentences::get)
                .sorted(Comparator.comparingInt(Sentence::source).thenComparingInt(Sentence::order)).toList();

        // Each source is numbered once; its citation spans every sentence quoted from it.
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder answer = new StringBuilder(PREAMBLE);
        for (Sentence s : chosen) {
            int n = numbers.computeIfAbsent(s.source(), src -> numbers.size() + 1);
            answer.append(CitationCheck.escapeDocumentMarkers(s.text().strip())).append(" [").append(n).append("] ");
        }
        List<Citation> citations = new ArrayList<>();
        numbers.forEach((src, n) -> {
            int start = chosen.stream().filter(s -> s.source() == src).mapToInt(Sentence::start).min().orElse(0);
            int end = chosen.stream().filter(s -> s.source() == src).mapToInt(Sentence::end).max().orElse(0);
            citations.add(Citations.of(n, sources.get(src).chunk(), start, end));
        });
        return new ChatAnswer(answer.toString().strip(), citations, DEPLOYMENT, false);
    }

    private static List<Sentence> sentences(List<SearchHit> sources) {
        List<Sentence> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        for (int src = 0; src < sources.size(); src++) {
            String text = sources.get(src).chunk().text();
            it.setText(text);
            int order = 0;
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                // A chunk's first line is often its heading; lines without sentence punctuation are skipped.
                for (String line : text.substring(start, end).split("\n")) {
                    String s = line.strip();
                    if (s.startsWith("- ")) s = s.substring(2).strip();
                    if (s.length() >= MIN_SENTENCE_CHARS && !s.endsWith(":")) {
                        int at = text.indexOf(s, start);
                        out.add(new Sentence(src, order++, at, at + s.length(), s));
                    }
                }
            }
        }
        return out;
    }
}
