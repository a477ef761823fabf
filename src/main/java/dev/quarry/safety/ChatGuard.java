package dev.quarry.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one collection's chat applies: its blocklists and those of the deployment that answers, and its policy for
 * passages flagged as injected instructions. Questions are checked before anything is searched; answers as they
 * stream, so a blocked answer is cut before any of the blocked text is sent.
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
     * {@code onToken} behind a check of the answer so far. Text that could be the start of blocked text is held back
     * until the next tokens decide it, so no part of a blocked phrase reaches the client; the stream then ends with
     * {@link ContentFilterException}. {@link CheckedStream#finish()} passes on what is still held once the answer is
     * complete and checked whole.
     */
    public CheckedStream checkingStream(String deployment, Consumer<String> onToken) {
        return new CheckedStream(lists(deployment), onToken);
    }

    /** Tokens on their way to a client, checked against blocklists first. */
    public static final class CheckedStream implements Consumer<String> {

        private final List<Blocklist> lists;
        private final Consumer<String> onToken;
        private final StringBuilder sofar = new StringBuilder();
        private int sent;

        private CheckedStream(List<Blocklist> lists, Consumer<String> onToken) {
            this.lists = lists;
            this.onToken = onToken;
        }

        @Override
        public void accept(String token) {
            if (lists.isEmpty()) {
                onToken.accept(token);
                return;
            }
            sofar.append(token);
            int safe = sofar.length();
            for (Blocklist list : lists) {
                if (list.blocksWhateverFollows(sofar)) throw ContentFilterException.blocked("answer", list.name());
                safe = Math.min(safe, list.undecidedFrom(sofar, sent));
            }
            if (safe > sent) {
                onToken.accept(sofar.substring(sent, safe));
                sent = safe;
            }
        }

        /** Passes on the held-back end of an answer that was checked whole and passed. */
        public void finish() {
            if (sent < sofar.length()) onToken.accept(sofar.substring(sent));
            sent = sofar.length();
        }
    }
}
