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
import dev.quarry.search.FusionSettings;
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
 * Quarry on real manuals as their users ask: for each manual, the pages named in
 * {@code scripts/realdocs/<manual>-pages.txt} are ingested through the real pipeline, then each judged question of
 * {@code <manual>-questions.jsonl} is searched in every mode and scored at page level (a page counts once, where its
 * best chunk ranks): hit@1, hit@5 and nDCG@10. Then the offline answerer answers each question that has a key
 * phrase, through the chat service with its defaults, and the share of answers containing it is printed, also
 * relative to the share of questions whose retrieved passages contain it. The PostgreSQL 15 manual is the one the
 * answerer is developed on; the Python 3.11 manual's questions are held out, to check that a change generalises.
 * Arguments: the manuals to run ({@code postgresql-15}, {@code python-3.11}; default both). Run by
 * {@code scripts/bench-realdocs}. {@code -Drealdocs.chunking=<maxTokens>,<overlapTokens>} indexes with other chunk
 * settings than the default, into an index of their own.
 */
public final class RealDocsBench {

    /** Chunks read per question: enough for ten distinct pages after folding chunks into pages. */
    private static final int CHUNK_DEPTH = 100;
    /** What the chat API reads when a request does not say. */
    private static final int CHAT_K = 5;

    record Question(String id, String text, List<String> pages, String keyPhrase, boolean namesFeature) { }

    /** A manual: its title, where its HTML is installed, its Debian package, and where its index is kept. */
    record Manual(String name, String title, Path html, String debianPackage, Path work) {

        Path pageList() {
            return Path.of("scripts/realdocs/" + name + "-pages.txt");
        }

        Path questionFile() {
            return Path.of("scripts/realdocs/" + name + "-questions.jsonl");
        }
    }

    // Kept under target/ between runs: a run after a change to answering or ranking does not embed again.
    // Delete them after a change to parsing or chunking.
    private static final List<Manual> MANUALS = List.of(
            new Manual("postgresql-15", "PostgreSQL 15 manual", RealDocsPages.POSTGRES_HTML, "postgresql-doc-15",
                    Path.of("target/realdocs")),
            new Manual("python-3.11", "Python 3.11 manual", Path.of("/usr/share/doc/python3.11/html"), "python3.11-doc",
                    Path.of("target/realdocs-python")));

    public static void main(String[] args) throws Exception {
        List<String> names = args.length > 0 ? List.of(args) : MANUALS.stream().map(Manual::name).toList();
        List<Manual> manuals = new ArrayList<>();
        for (String name : names) {
            manuals.add(MANUALS.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown manual '" + name + "'; known: "
                            + MANUALS.stream().map(Manual::name).toList())));
        }
        String setting = System.getProperty("realdocs.chunking");
        ChunkSettings chunking = chunking(setting);
        int threads = Runtime.getRuntime().availableProcessors();
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 32, threads)) {
            for (Manual manual : manuals) run(manual, embedder, chunking, setting != null);
        }
    }

    private static ChunkSettings chunking(String setting) {
        if (setting == null) return ChunkSettings.DEFAULT;
        String[] tokens = setting.split(",");
        return new ChunkSettings(Integer.parseInt(tokens[0].strip()), Integer.parseInt(tokens[1].strip()),
                ChunkSettings.DEFAULT.headingContext());
    }

    private static void run(Manual manual, OnnxEmbedder embedder, ChunkSettings chunking, boolean ownIndex) throws Exception {
        List<Path> pages = RealDocsPages.read(manual.html(), manual.pageList());
        if (pages.isEmpty()) {
            System.err.println("The " + manual.title() + " is not installed at " + manual.html() + ": install the "
                    + manual.debianPackage() + " package (scripts/bench-realdocs does).");
            System.exit(1);
        }
        List<Question> questions = questions(manual.questionFile());
        Path work = !ownIndex ? manual.work() : Path.of(manual.work() + "-" + chunking.maxTokens() + "-" + chunking.overlapTokens());
        Path folder = Files.createDirectories(work.resolve("pages"));
        for (Path page : pages) {
            Path copy = folder.resolve(manual.html().relativize(page).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(page, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open(work.resolve("index"), IndexManifest.of(embedder.model(), chunking))) {
            long started = System.nanoTime();
            IngestReport report = new Ingester(index, embedder, new Parsers(), chunking,
                    IngestSettings.DEFAULT, Clock.systemUTC()).ingest(folder, IngestProgress.NONE);
            System.out.printf("%s: %d pages, %d chunks of at most %d tokens (%d embedded in this run, %.0f s); %d questions"
                            + " (%d without the feature's name)%n", manual.title(), pages.size(), index.stats().chunks(),
                    chunking.maxTokens(),
                    report.chunksEmbedded(), (System.nanoTime() - started) / 1e9, questions.size(),
                    questions.stream().filter(q -> !q.namesFeature()).count());

            Searcher searcher = new Searcher(index, embedder);
            retrieval(searcher, questions);
            repeats(searcher, questions);
            answers(searcher, new ExtractiveAnswerer(embedder), questions);
        }
    }

    /** A line of the retrieval table: a mode, and for hybrid the fusion (null: the default). */
    private record Row(String label, SearchMode mode, FusionSettings fusion) {
    }

    private static final List<Row> ROWS = List.of(new Row("keyword", SearchMode.KEYWORD, null),
            new Row("vector", SearchMode.VECTOR, null), new Row("hybrid", SearchMode.HYBRID, null),
            new Row("hybrid, adaptive 0.5 (the default before)", SearchMode.HYBRID,
                    new FusionSettings(FusionSettings.Method.ADAPTIVE, FusionSettings.DEFAULT.rrfK(), 0.5)));

    /** Page-level hit@1, hit@5 and nDCG@10 per search mode. */
    private static void retrieval(Searcher searcher, List<Question> questions) {
        System.out.printf("%-8s %7s %7s %8s %14s %15s   %s%n", "mode", "hit@1", "hit@5", "nDCG@10", "hit@5 named", "hit@5 unnamed",
                "missed at 5");
        for (Row row : ROWS) {
            SearchMode mode = row.mode();
            double hit1 = 0;
            double hit5 = 0;
            double ndcg = 0;
            int named = 0;
            int namedHit = 0;
            List<String> missed = new ArrayList<>();
            for (Question q : questions) {
                SearchQuery query = SearchQuery.of(q.text(), CHUNK_DEPTH, mode);
                List<String> ranking = pageRanking(searcher.search(row.fusion() == null ? query : query.withFusion(row.fusion())).hits());
                Map<String, Integer> judged = q.pages().stream().collect(Collectors.toMap(p -> p, p -> 1));
                if (!ranking.isEmpty() && judged.containsKey(ranking.getFirst())) hit1++;
                if (q.namesFeature()) named++;
                if (ranking.stream().limit(5).anyMatch(judged::containsKey)) {
                    hit5++;
                    if (q.namesFeature()) namedHit++;
                } else {
                    missed.add(q.id());
                    if (System.getProperty("realdocs.misses") != null && mode == SearchMode.HYBRID && row.fusion() == null) {
                        System.out.println(q.id() + " " + q.text() + " " + q.pages() + "\n    " + ranking.stream().limit(5).toList());
                    }
                }
                ndcg += Metrics.ndcg(ranking, judged, 10);
            }
            int n = questions.size();
            System.out.printf("%-8s %7.3f %7.3f %8.3f %14.3f %15.3f   %s%n", row.label(),
                    hit1 / n, hit5 / n, ndcg / n, namedHit / (double) named, (hit5 - namedHit) / (n - named),
                    String.join(" ", missed));
        }
    }

    /** How many hits the default search leaves out of its top 10 because they repeat a higher hit's text. */
    private static void repeats(Searcher searcher, List<Question> questions) {
        int left = 0;
        int questionsWithAny = 0;
        for (Question q : questions) {
            int n = searcher.search(SearchQuery.of(q.text(), 10, SearchMode.HYBRID)).hits().stream()
                    .mapToInt(h -> h.repeats().size()).sum();
            left += n;
            if (n > 0) questionsWithAny++;
        }
        System.out.printf("repeated passages left out of the hybrid top 10: %d (%.2f a question, in %d of %d questions)%n",
                left, left / (double) questions.size(), questionsWithAny, questions.size());
    }

    /**
     * How often the offline answer contains the key phrase, against how often the passages it reads do (no quoting
     * answerer can do better), with the questions whose phrase was read but not quoted.
     */
    private static void answers(Searcher searcher, ExtractiveAnswerer answerer, List<Question> questions) {
        ChatService chat = new ChatService(searcher, answerer);
        List<Question> withPhrase = questions.stream().filter(q -> q.keyPhrase() != null).toList();
        List<String> notQuoted = new ArrayList<>();
        List<String> notRead = new ArrayList<>();
        int read = 0;
        int answered = 0;
        for (Question q : withPhrase) {
            // What the answerer reads: the same search the chat service runs.
            List<SearchHit> passages = searcher.search(SearchQuery.of(q.text(), CHAT_K, SearchMode.HYBRID)).hits();
            boolean inPassages = passages.stream().anyMatch(h -> flat(h.chunk().text()).contains(flat(q.keyPhrase())));
            ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user", q.text())), CHAT_K, null,
                    ChatQuery.DEFAULT_STRICTNESS));
            boolean inAnswer = flat(answer.answer()).contains(flat(q.keyPhrase()));
            if (inPassages) read++;
            if (inAnswer) answered++;
            else (inPassages ? notQuoted : notRead).add(q.id());
            if (System.getProperty("realdocs.answers") != null) {
                System.out.printf("%s %s [key phrase \"%s\": %s]%n    %s%n", q.id(), q.text(), q.keyPhrase(),
                        inAnswer ? "quoted" : inPassages ? "read, not quoted" : "not read", answer.answer());
            }
        }
        int n = withPhrase.size();
        System.out.printf("the %d passages the answerer reads contain the key phrase for %d of %d questions (%.3f)%n",
                CHAT_K, read, n, read / (double) n);
        List<String> without = new ArrayList<>(notQuoted);
        without.addAll(notRead);
        System.out.printf("extractive answers containing the key phrase: %d of %d = %.3f (target >= 0.80); without: %s%n",
                answered, n, answered / (double) n, String.join(" ", without));
        System.out.printf("    of the %d whose passages contain it: %d = %.3f; read but not quoted: %s%n", read, answered,
                answered / (double) Math.max(1, read), String.join(" ", notQuoted));
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
