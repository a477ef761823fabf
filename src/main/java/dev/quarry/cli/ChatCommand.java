package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.chat.ChatMessage;
import dev.quarry.chat.ChatQuery;
import dev.quarry.chat.Citation;
import dev.quarry.chat.GenerationSettings;
import dev.quarry.config.ConfigLoader;
import dev.quarry.index.ChunkFilter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat", description = "Ask a question; the answer is built only from your documents, with numbered sources.")
final class ChatCommand implements Callable<Integer> {

    private final Map<String, String> env;

    ChatCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(paramLabel = "<question>", description = "The question.")
    String question;

    @Option(names = {"-k", "--k"}, description = "Chunks to read (default ${DEFAULT-VALUE}).", defaultValue = "5")
    int k;

    @Option(names = "--strictness", description = "Similarity the best source must reach to answer (default ${DEFAULT-VALUE}).",
            defaultValue = "" + ChatQuery.DEFAULT_STRICTNESS)
    double strictness;

    @Option(names = "--deployment", description = "Chat deployment (default: the first configured, else extractive).")
    String deployment;

    @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
    String collection;

    @Override
    public Integer call() {
        try (Quarry quarry = Quarry.openReadOnly(ConfigLoader.load(env), env, collection)) {
            ChatAnswer answer = quarry.collection(collection).chat().answer(new ChatQuery(List.of(new ChatMessage("user", question)), k,
                    ChunkFilter.NONE, strictness), deployment, GenerationSettings.DEFAULT, token -> {
                        System.out.print(token);
                        System.out.flush();
                    });
            System.out.println();
            for (Citation c : answer.citations()) {
                System.out.printf("[%d] %s — %s%s%n", c.n(), c.title(), c.path(), c.page() == null ? "" : ", page " + c.page());
            }
        }
        return 0;
    }
}
