package dev.quarry.chat;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.Vectors;
import dev.quarry.search.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Answers without a language model by quoting whole sentences. The retrieved chunks are cut into quotable sentences
 * ({@link Sentences}: no headings, titles, code or fragments), each scored by similarity to the question (with the
 * search model, the sentence embedded as a passage and the question as a query) plus the share of the question's
 * rarer words it contains ({@link SharedTerms}). The best sentence chooses the
 * passage; a few more of the best come from it or one other passage, and a chosen sentence that points back ("This
 * means…") brings the sentence before it. Quotes keep their sources' order and are followed by the number of their
 * source. It says that it is extractive.
 */
public final class ExtractiveAnswerer {

    public static final String DEPLOYMENT = "extractive";
    static final String PREAMBLE = "Extractive answer (quoted from your documents, no language model): ";
    /** Sentences chosen by score; sentences brought in as context come on top. */
    private static final int MAX_SENTENCES = 4;
    private static final int MAX_PASSAGES = 2;
    /** A further sentence must score nearly as well as the best one, or it says something else. */
    private static final double MAX_BEHIND_BEST = 0.15;
    /** How much sharing the question's rarer words adds to a sentence's similarity (0..1 of it). */
    private static final double SHARED_TERMS_WEIGHT = 0.25;

    private final Embedder embedder;

    public ExtractiveAnswerer(Embedder embedder) {
        this.embedder = embedder;
    }

    /** A quotable sentence of the {@code source}-th retrieved chunk, {@code index} counting within that chunk. */
    private record Candidate(int source, int index, Sentences.Sentence sentence) {
    }

    public ChatAnswer answer(String question, List<SearchHit> sources) {
        List<List<Sentences.Sentence>> bySource = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int src = 0; src < sources.size(); src++) {
            var chunk = sources.get(src).chunk();
            List<Sentences.Sentence> sentences = Sentences.of(chunk.text(), chunk.section() == null ? "" : chunk.section());
            bySource.add(sentences);
            for (int i = 0; i < sentences.size(); i++) candidates.add(new Candidate(src, i, sentences.get(i)));
        }
        if (candidates.isEmpty()) {
            return new ChatAnswer(PREAMBLE + "the documents found have no sentences to quote.", List.of(), DEPLOYMENT, true);
        }
        float[] q = embedder.embedQuery(question);
        float[][] vectors = embedder.embedPassages(candidates.stream().map(c -> c.sentence().text()).toList());
        SharedTerms shared = new SharedTerms(question, candidates.stream().map(c -> c.sentence().text()).toList());
        Map<Candidate, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            scores.put(candidates.get(i), Vectors.dot(q, vectors[i]) + SHARED_TERMS_WEIGHT * shared.share(i));
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble(scores::get).reversed());

        double best = scores.get(ranked.getFirst());
        List<Integer> passages = new ArrayList<>();
        TreeSet<Candidate> chosen = new TreeSet<>(Comparator.comparingInt(Candidate::source).thenComparingInt(Candidate::index));
        int picked = 0;
        for (Candidate c : ranked) {
            if (picked == MAX_SENTENCES || best - scores.get(c) > MAX_BEHIND_BEST) break;
            if (!passages.contains(c.source())) {
                if (passages.size() == MAX_PASSAGES) continue;
                passages.add(c.source());
            }
            chosen.add(c);
            picked++;
        }
        for (Candidate c : List.copyOf(chosen)) {
            if (c.sentence().leansOnPrevious() && c.index() > 0) {
                Sentences.Sentence before = bySource.get(c.source()).get(c.index() - 1);
                if (before.paragraph() == c.sentence().paragraph()) chosen.add(new Candidate(c.source(), c.index() - 1, before));
            }
        }
        return quote(sources, List.copyOf(chosen));
    }

    /** The chosen sentences in their sources' order, each source numbered once and cited after its sentences. */
    private static ChatAnswer quote(List<SearchHit> sources, List<Candidate> chosen) {
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder answer = new StringBuilder(PREAMBLE);
        for (int i = 0; i < chosen.size(); i++) {
            Candidate c = chosen.get(i);
            int n = numbers.computeIfAbsent(c.source(), src -> numbers.size() + 1);
            answer.append(CitationCheck.escapeDocumentMarkers(c.sentence().text())).append(' ');
            boolean lastOfSource = i + 1 == chosen.size() || chosen.get(i + 1).source() != c.source();
            if (lastOfSource) answer.append('[').append(n).append("] ");
        }
        List<Citation> citations = new ArrayList<>();
        numbers.forEach((src, n) -> {
            int start = chosen.stream().filter(c -> c.source() == src).mapToInt(c -> c.sentence().start()).min().orElse(0);
            int end = chosen.stream().filter(c -> c.source() == src).mapToInt(c -> c.sentence().end()).max().orElse(0);
            citations.add(Citations.of(n, sources.get(src).chunk(), start, end));
        });
        return new ChatAnswer(answer.toString().strip(), citations, DEPLOYMENT, false);
    }
}
