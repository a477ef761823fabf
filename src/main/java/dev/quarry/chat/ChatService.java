package dev.quarry.chat;

import dev.quarry.safety.ChatGuard;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Grounded answering: retrieves sources for the question, refuses without calling any model when no source is
 * similar enough, and answers from the sources only: with a generative deployment through a prompt of numbered,
 * delimited sources whose citations are then checked, or offline by quoting them.
 */
public final class ChatService implements AutoCloseable {

    static final String NOT_FOUND = "The documents do not contain an answer to this question.";
    /** Earlier user turns folded into the search query when no model can condense them. */
    private static final int HISTORY_TURNS = 2;
    private static final String CONDENSE = "Rewrite the user's last question as one standalone search query, using the "
            + "conversation for context. Reply with the query only.";

    private final Retriever retriever;
    private final ExtractiveAnswerer extractive;
    private final Map<String, ChatModel> models;
    private final String defaultDeployment;
    private final AtomicLong droppedCitations = new AtomicLong();
    private final java.util.function.IntConsumer onDroppedCitations;
    private final ChatGuard guard;

    public ChatService(Searcher searcher, ExtractiveAnswerer extractive) {
        this(searcher, extractive, List.of(), n -> { });
    }

    public ChatService(Searcher searcher, ExtractiveAnswerer extractive, List<ChatModel> models) {
        this(searcher, extractive, models, n -> { });
    }

    /**
     * The first model, if any, is the default deployment; the extractive answerer is always available.
     * {@code onDroppedCitations} hears of every invented citation removed (a metric).
     */
    public ChatService(Searcher searcher, ExtractiveAnswerer extractive, List<ChatModel> models,
                       java.util.function.IntConsumer onDroppedCitations) {
        this(query -> searcher.search(query).hits().stream().map(h -> new Retriever.Retrieved(null, h)).toList(),
                extractive, models, onDroppedCitations);
    }

    /** Answers from what {@code retriever} finds; citations name the collection of their passage. */
    public ChatService(Retriever retriever, ExtractiveAnswerer extractive, List<ChatModel> models,
                       java.util.function.IntConsumer onDroppedCitations) {
        this(retriever, extractive, models, onDroppedCitations, ChatGuard.NONE);
    }

    private ChatService(Retriever retriever, ExtractiveAnswerer extractive, List<ChatModel> models,
                        java.util.function.IntConsumer onDroppedCitations, ChatGuard guard) {
        this.guard = guard;
        this.onDroppedCitations = onDroppedCitations;
        this.retriever = retriever;
        this.extractive = extractive;
        this.models = new LinkedHashMap<>();
        for (ChatModel m : models) this.models.put(m.deployment(), m);
        this.defaultDeployment = models.isEmpty() ? ExtractiveAnswerer.DEPLOYMENT : models.getFirst().deployment();
    }

    /** The same service with {@code guard}'s blocklists applied to questions and answers. */
    public ChatService guarded(ChatGuard newGuard) {
        return new ChatService(retriever, extractive, List.copyOf(models.values()), onDroppedCitations, newGuard);
    }

    public List<String> deployments() {
        List<String> names = new ArrayList<>(models.keySet());
        names.add(ExtractiveAnswerer.DEPLOYMENT);
        return names;
    }

    public String defaultDeployment() {
        return defaultDeployment;
    }

    /** Citation markers dropped because they named no source given (a model inventing sources). */
    public long droppedCitations() {
        return droppedCitations.get();
    }

    public ChatAnswer answer(ChatQuery query) {
        return answer(query, null, GenerationSettings.DEFAULT, null);
    }

    /**
     * Answers with {@code deployment} (null: the default); {@code onToken}, when not null, receives the answer as it
     * is produced.
     */
    public ChatAnswer answer(ChatQuery query, String deployment, GenerationSettings settings, Consumer<String> onToken) {
        String name = deployment == null ? defaultDeployment : deployment;
        ChatModel model = models.get(name);
        if (model == null && !name.equals(ExtractiveAnswerer.DEPLOYMENT)) {
            throw new IllegalArgumentException("unknown deployment '" + name + "'; configured: " + deployments());
        }
        List<String> asked = new ArrayList<>(query.messages().stream().filter(m -> m.role().equals("user")).map(ChatMessage::content).toList());
        // A caller's own system prompt reaches the model as much as a question does.
        if (settings.systemPrompt() != null) asked.add(settings.systemPrompt());
        guard.checkQuestion(name, asked);
        String searchText = model == null || query.messages().size() == 1 ? searchText(query.messages())
                : condense(model, query.messages());
        List<Retriever.Retrieved> found = retriever.retrieve(new SearchQuery(searchText, query.k(), 0, SearchMode.HYBRID,
                query.filter(), null, null, 0, false, false, query.tuning())).stream().filter(r -> !guard.omits(r.hit().chunk().tags())).toList();
        List<SearchHit> hits = found.stream().map(Retriever.Retrieved::hit).toList();
        double best = hits.stream().filter(h -> h.vectorScore() != null).mapToDouble(SearchHit::vectorScore).max().orElse(0);
        ChatAnswer answer;
        if (best < query.strictness()) {
            answer = new ChatAnswer(NOT_FOUND, List.of(), name, true);
        } else if (model == null) {
            answer = inCollections(extractive.answer(query.question(), hits), found);
            guard.checkAnswer(name, answer.answer());
        } else {
            // No stream asked for, none made: a model answers a request that streams nothing in one piece, with its usage.
            ChatGuard.CheckedStream stream = onToken == null ? null : guard.checkingStream(name, onToken);
            ChatAnswer generated = generate(model, query, hits, settings, stream);
            guard.checkAnswer(name, generated.answer());
            if (stream != null) stream.finish();
            return inCollections(generated, found);
        }
        if (onToken != null) for (String token : answer.answer().split("(?<= )")) onToken.accept(token);
        return answer;
    }

    private ChatAnswer generate(ChatModel model, ChatQuery query, List<SearchHit> hits, GenerationSettings settings,
                                Consumer<String> onToken) {
        ChatModel.Generation generation = model.generate(PromptBuilder.build(query.messages(), hits, settings.systemPrompt()),
                settings, onToken);
        CitationCheck.Result checked = CitationCheck.check(generation.text(), hits.size());
        droppedCitations.addAndGet(checked.dropped());
        onDroppedCitations.accept(checked.dropped());
        List<Citation> citations = new ArrayList<>();
        for (int n : checked.cited()) citations.add(Citations.of(n, hits.get(n - 1).chunk(), -1, -1));
        citations.sort(java.util.Comparator.comparingInt(Citation::n));
        return new ChatAnswer(checked.answer(), citations, model.deployment(), false,
                new ChatAnswer.Usage(generation.promptTokens(), generation.completionTokens()));
    }

    /** The same service over other passages, such as several collections' merged: models and answerer are shared. */
    public ChatService over(Retriever other) {
        return new ChatService(other, extractive, List.copyOf(models.values()), onDroppedCitations, guard);
    }

    /**
     * Names each citation's collection: the passage it quotes is the first one found with its chunk id whose text
     * holds the quoted snippet (the same chunk id in two collections quotes the same text from either).
     */
    private static ChatAnswer inCollections(ChatAnswer answer, List<Retriever.Retrieved> found) {
        if (found.stream().allMatch(r -> r.collection() == null)) return answer;
        List<Citation> named = answer.citations().stream().map(c -> found.stream()
                .filter(r -> r.hit().chunk().chunkId().equals(c.chunkId()) && r.hit().chunk().text().contains(c.snippet()))
                .findFirst().map(r -> c.in(r.collection())).orElse(c)).toList();
        return answer.withCitations(named);
    }

    private static String condense(ChatModel model, List<ChatMessage> messages) {
        List<ChatModel.PromptMessage> prompt = new ArrayList<>();
        prompt.add(new ChatModel.PromptMessage("system", CONDENSE));
        for (ChatMessage m : messages) prompt.add(new ChatModel.PromptMessage(m.role(), m.content()));
        String query = model.generate(prompt, new GenerationSettings(0.0, null, 64, null), null).text().strip();
        return query.isEmpty() ? searchText(messages) : query;
    }

    /** The question, after up to two earlier user turns, so pronouns and follow-ups still find their subject. */
    static String searchText(List<ChatMessage> messages) {
        List<String> turns = new ArrayList<>();
        for (int i = messages.size() - 2; i >= 0 && turns.size() < HISTORY_TURNS; i--) {
            if (messages.get(i).role().equals("user")) turns.addFirst(messages.get(i).content());
        }
        turns.add(messages.getLast().content());
        return String.join(" ", turns);
    }

    @Override
    public void close() {
        models.values().forEach(ChatModel::close);
    }
}
