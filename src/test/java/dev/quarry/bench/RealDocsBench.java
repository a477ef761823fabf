package dev.quarry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.ChatService;
import dev.quarry.chat.ExtractiveAnswerer;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.Metrics;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestReport;
import dev.quarry.ingest.IngestSettings;
import dev.quarry.ingest.Ingester;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.ingest.parse.RealDocsPages;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quarry on a real manual as its users ask: the PostgreSQL 15 manual's pages named in
 * {@code scripts/realdocs/postgresql-15-pages.txt} are ingested through the real pipeline, then each judged question
 * of {@code postgresql-15-questions.jsonl} is searched in every mode and scored at page level (a page counts once,
 * where its best chunk ranks): hit@1, hit@5 and nDCG@10. Then the offline answerer answers each question that has a
 * key phrase, through the chat service with its defaults, and the share of answers containing it is printed. Run by
 * {@code scripts/bench-realdocs}.
 */
public final class RealDocsBench {

    /** Chunks read per question: enough for ten distinct pages after folding chunks into pages. */
    private static final int CHUNK_DEPTH = 100;
    /** What the chat API reads when a request does not say. */
    private static final int CHAT_K = 5;

    record Question(String id, String text, List<String> pages, String keyPhrase, boolean namesFeature) { }

    public static void main(String[] args) throws Exception {
        Path pageList = Path.of(args.length > 0 ? args[0] : "scripts/realdocs/postgresql-15-pages.txt");
        Path questionFile = Path.of(args.length > 1 ? args[1] : "scripts/realdocs/postgresql-15-questions.jsonl");
        List<Path> pages = RealDocsPages.read(pageList);
        if (pages.isEmpty()) {
            System.err.println("The PostgreSQL 15 manual is not installed at " + RealDocsPages.POSTGRES_HTML
                    + ": install the postgresql-doc-15 package (scripts/bench-realdocs does).");
            System.exit(1);
        }
        List<Question> questions = questions(questionFile);
        // Kept under target/ between runs: a run after a change to answering or ranking does not embed again.
        // Delete target/realdocs after a change to parsing or chunking.
        Path work = Path.of("target/realdocs");
        Path folder = Files.createDirectories(work.resolve("pages"));
        for (Path page : pages) Files.copy(page, folder.resolve(page.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        int threads = Runtime.getRuntime().availableProcessors();

        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 32, threads);
             LuceneChunkIndex index = LuceneChunkIndex.open(work.resolve("index"),
                     IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT))) {
            long started = System.nanoTime();
            IngestReport report = new Ingester(index, embedder, new Parsers(), ChunkSettings.DEFAULT,
                    IngestSettings.DEFAULT, Clock.systemUTC()).ingest(folder, IngestProgress.NONE);
            System.out.printf("PostgreSQL 15 manual: %d pages, %d chunks (%d embedded in this run, %.0f s); %d questions"
                            + " (%d without the feature's name)%n", pages.size(), index.stats().chunks(), report.chunksEmbedded(),
                    (System.nanoTime() - started) / 1e9, questions.size(),
                    questions.stream().filter(q -> !q.namesFeature()).count());

            Searcher searcher = new Searcher(index, embedder);
            System.out.printf("%-8s %7s %7s %8s %14s %15s   %s%n", "mode", "hit@1", "hit@5", "nDCG@10", "hit@5 named", "hit@5 unnamed",
                    "missed at 5");
            for (SearchMode mode : List.of(SearchMode.KEYWORD, SearchMode.VECTOR, SearchMode.HYBRID)) {
                double hit1 = 0;
                double hit5 = 0;
                double ndcg = 0;
                int named = 0;
                int namedHit = 0;
                List<String> missed = new ArrayList<>();
                for (Question q : questions) {
                    List<String> ranking = pageRanking(searcher.search(SearchQuery.of(q.text(), CHUNK_DEPTH, mode)).hits());
                    Map<String, Integer> judged = q.pages().stream().collect(Collectors.toMap(p -> p, p -> 1));
                    if (!ranking.isEmpty() && judged.containsKey(ranking.getFirst())) hit1++;
                    if (q.namesFeature()) named++;
                    if (ranking.stream().limit(5).anyMatch(judged::containsKey)) {
                        hit5++;
                        if (q.namesFeature()) namedHit++;
                    } else {
                        missed.add(q.id());
                        if (System.getProperty("realdocs.misses") != null && mode == SearchMode.HYBRID) {
                            System.out.println(q.id() + " " + q.text() + " " + q.pages() + "\n    " + ranking.stream().limit(5).toList());
                        }
                    }
                    ndcg += Metrics.ndcg(ranking, judged, 10);
                }
                int n = questions.size();
                System.out.printf("%-8s %7.3f %7.3f %8.3f %14.3f %15.3f   %s%n", mode.name().toLowerCase(Locale.ROOT),
                        hit1 / n, hit5 / n, ndcg / n, namedHit / (double) named, (hit5 - namedHit) / (n - named),
                        String.join(" ", missed));
            }

            ChatService chat = new ChatService(searcher, new ExtractiveAnswerer(embedder));
            List<Question> withPhrase = questions.stream().filter(q -> q.keyPhrase() != null).toList();
            List<String> without = new ArrayList<>();
            int retrieved = 0;
            for (Question q : withPhrase) {
                // What the answerer reads: the same search the chat service runs.
                List<SearchHit> read = searcher.search(SearchQuery.of(q.text(), CHAT_K, SearchMode.HYBRID)).hits();
                if (read.stream().anyMatch(h -> flat(h.chunk().text()).contains(flat(q.keyPhrase())))) retrieved++;
                ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user", q.text())), CHAT_K, null,
                        ChatQuery.DEFAULT_STRICTNESS));
                if (!flat(answer.answer()).contains(flat(q.keyPhrase()))) without.add(q.id());
                if (System.getProperty("realdocs.answers") != null) {
                    System.out.println(q.id() + " " + q.text() + "\n    " + answer.answer());
                }
            }
            System.out.printf("the %d passages the answerer reads contain the key phrase for %d of %d questions (%.3f)%n",
                    CHAT_K, retrieved, withPhrase.size(), retrieved / (double) withPhrase.size());
            System.out.printf("extractive answers containing the key phrase: %d of %d = %.3f (target >= 0.80); without: %s%n",
                    withPhrase.size() - without.size(), withPhrase.size(),
                    (withPhrase.size() - without.size()) / (double) withPhrase.size(), String.join(" ", without));
        }
    }

    /** Pages in the order their best chunk ranks, each once. */
    private static List<String> pageRanking(List<SearchHit> hits) {
        LinkedHashSet<String> pages = new LinkedHashSet<>();
        for (SearchHit hit : hits) pages.add(hit.chunk().docId());
        return List.copyOf(pages);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static List<Question> questions(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode q = json.readTree(line);
            List<String> pages = new ArrayList<>();
            q.path("pages").forEach(p -> pages.add(p.asText()));
            String phrase = q.hasNonNull("keyPhrase") ? q.get("keyPhrase").asText() : null;
            questions.add(new Question(q.path("id").asText(), q.path("question").asText(), pages, phrase,
                    q.path("namesFeature").asBoolean()));
        }
        return questions;
    }
}
