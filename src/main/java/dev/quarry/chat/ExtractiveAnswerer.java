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
 * search model, the question as a query; the sentence as a passage, on its own and under the term or heading it comes
 * under), plus the share of the question's rarer words it contains ({@link SharedTerms}), plus a little for the
 * search rank of its chunk. The best sentence is quoted with the sentences around it in its paragraph, which it often
 * depends on; a few more of the best come from its passage or one other, and a chosen sentence that points back
 * ("This means…") brings the sentence before it. Quotes keep their sources' order and are followed by the number of
 * their source. It says that it is extractive.
 */
public final class ExtractiveAnswerer {

    public static final String DEPLOYMENT = "extractive";
    static final String PREAMBLE = "Extractive answer (quoted from your documents, no language model): ";
    /** Sentences chosen, the best one's neighbours included; sentences a quote points back to come on top. */
    private static final int MAX_SENTENCES = 4;
    private static final int MAX_PASSAGES = 2;
    /** A further sentence must score nearly as well as the best one, or it says something else. */
    private static final double MAX_BEHIND_BEST = 0.15;
    /** How much sharing the question's rarer words adds to a sentence's similarity (0..1 of it). */
    private static final double SHARED_TERMS_WEIGHT = 0.25;
    /**
     * How much coming from the first chunk rather than after the last adds to a sentence's similarity: the search
     * ranked whole chunks with their titles and keywords, which one sentence's embedding does not see.
     */
    private static final double RANK_WEIGHT = 0.15;
    /**
     * How much of a sentence's similarity comes from its own words, the rest from it read under its term or heading:
     * under a heading that matches the question, a sentence that says nothing of it ("New in version 3.3.") scored
     * as well as one that answers it.
     */
    private static final double OWN_WORDS_WEIGHT = 0.7;

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
        Map<Candidate, Double> scores = score(question, candidates, sources.size());
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble(scores::get).reversed());
        return quote(sources, choose(ranked, scores, bySource));
    }

    /**
     * The best sentence with its neighbours in the same paragraph, then the next best while they score nearly as well
     * and come from at most two passages, then what a chosen sentence points back to; in their sources' order.
     */
    private static List<Candidate> choose(List<Candidate> ranked, Map<Candidate, Double> scores,
                                          List<List<Sentences.Sentence>> bySource) {
        TreeSet<Candidate> chosen = new TreeSet<>(Comparator.comparingInt(Candidate::source).thenComparingInt(Candidate::index));
        Candidate top = ranked.getFirst();
        chosen.add(top);
        chosen.add(neighbour(top, -1, bySource));
        chosen.add(neighbour(top, +1, bySource));
        List<Integer> passages = new ArrayList<>(List.of(top.source()));
        double best = scores.get(top);
        for (Candidate c : ranked) {
            if (chosen.size() >= MAX_SENTENCES || best - scores.get(c) > MAX_BEHIND_BEST) break;
            if (!passages.contains(c.source())) {
                if (passages.size() == MAX_PASSAGES) continue;
                passages.add(c.source());
            }
            chosen.add(c);
        }
        for (Candidate c : List.copyOf(chosen)) {
            if (c.sentence().leansOnPrevious()) chosen.add(neighbour(c, -1, bySource));
        }
        return List.copyOf(chosen);
    }

    /** The sentence {@code step} away from {@code c} in the same paragraph, or {@code c} itself when there is none. */
    private static Candidate neighbour(Candidate c, int step, List<List<Sentences.Sentence>> bySource) {
        List<Sentences.Sentence> sentences = bySource.get(c.source());
        int i = c.index() + step;
        if (i < 0 || i >= sentences.size() || sentences.get(i).paragraph() != c.sentence().paragraph()) return c;
        return new Candidate(c.source(), i, sentences.get(i));
    }

    /**
     * Each sentence's score: its similarity to the question, on its own and embedded under the term or heading it
     * comes under (a lone "The default is 0.2." says nothing without the parameter it belongs to), plus the share of
     * the question's rarer words it or that term contains, plus a little for the search rank of its chunk.
     */
    private Map<Candidate, Double> score(String question, List<Candidate> candidates, int sources) {
        List<String> inContext = candidates.stream().map(c -> withContext(c.sentence())).toList();
        List<String> texts = new ArrayList<>(candidates.stream().map(c -> c.sentence().text()).toList());
        texts.addAll(inContext);
        float[] q = embedder.embedQuery(question);
        // One call for both readings, so that the embedder batches them by length together.
        float[][] vectors = embedder.embedPassages(texts);
        int n = candidates.size();
        SharedTerms shared = new SharedTerms(question, inContext);
        Map<Candidate, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double similarity = OWN_WORDS_WEIGHT * Vectors.dot(q, vectors[i])
                    + (1 - OWN_WORDS_WEIGHT) * Vectors.dot(q, vectors[n + i]);
            double rank = 1 - candidates.get(i).source() / (double) sources;
            scores.put(candidates.get(i), similarity + SHARED_TERMS_WEIGHT * shared.share(i) + RANK_WEIGHT * rank);
        }
        return scores;
    }

    private static String withContext(Sentences.Sentence sentence) {
        return sentence.context().isEmpty() ? sentence.text() : sentence.context() + ": " + sentence.text();
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
