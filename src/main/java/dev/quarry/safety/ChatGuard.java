package dev.quarry.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one collection's chat applies: its blocklists and those of the deployment that answers, and its policy for
 * passages flagged as injected instructions. Questions are checked before anything is searched; answers as they
 * stream, so a blocked answer is cut before the token that completes the blocked text is sent.
 */
public final class ChatGuard {

    public static final ChatGuard NONE = new ChatGuard(List.of(), Map.of(), InjectionPolicy.QUOTE);

    private final List<Blocklist> collectionLists;
    private final Map<String, List<Blocklist>> deploymentLists;
    private final InjectionPolicy injection;

    public ChatGuard(List<Blocklist> collectionLists, Map<String, List<Blocklist>> deploymentLists, InjectionPolicy injection) {
        this.collectionLists = List.copyOf(collectionLists);
        this.deploymentLists = Map.copyOf(deploymentLists);
        this.injection = injection;
    }

    /** Whether a passage with {@code tags} is left out of prompts: flagged as injected instructions, under {@code omit}. */
    public boolean omits(List<String> tags) {
        return injection == InjectionPolicy.OMIT && tags.contains(Screened.INJECTION_TAG);
    }

    private List<Blocklist> lists(String deployment) {
        List<Blocklist> all = new ArrayList<>(collectionLists);
        all.addAll(deploymentLists.getOrDefault(deployment, List.of()));
        return all;
    }

    /** Refuses a request whose user turns (or system prompt) hold blocked text. */
    public void checkQuestion(String deployment, List<String> asked) {
        for (Blocklist list : lists(deployment)) {
            for (String turn : asked) {
                if (list.matches(turn)) {
                    throw ContentFilterException.blocked("messages", list.name());
                }
            }
        }
    }

    /** Refuses a complete answer that holds blocked text. */
    public void checkAnswer(String deployment, String answer) {
        for (Blocklist list : lists(deployment)) {
            if (list.matches(answer)) throw ContentFilterException.blocked("answer", list.name());
        }
    }

    /**
     * {@code onToken} behind a check of the answer so far: the token that completes blocked text is not passed on,
     * and the stream ends with {@link ContentFilterException}.
     */
    public Consumer<String> checkingStream(String deployment, Consumer<String> onToken) {
        List<Blocklist> lists = lists(deployment);
        if (lists.isEmpty() || onToken == null) return onToken;
        StringBuilder sofar = new StringBuilder();
        return token -> {
            sofar.append(token);
            for (Blocklist list : lists) {
                if (list.matches(sofar)) throw ContentFilterException.blocked("answer", list.name());
            }
            onToken.accept(token);
        };
    }
}
