package dev.quarry.chat;

import java.util.List;

/**
 * An answer built only from retrieved sources: the text with {@code [n]} markers, the sources they point to, which
 * deployment wrote it, whether nothing relevant was found (then no model was called), and token usage (0 offline).
 */
public record ChatAnswer(String answer, List<Citation> citations, String deployment, boolean notFound, Usage usage) {

    public record Usage(long promptTokens, long completionTokens) {
        public static final Usage NONE = new Usage(0, 0);
    }

    public ChatAnswer(String answer, List<Citation> citations, String deployment, boolean notFound) {
        this(answer, citations, deployment, notFound, Usage.NONE);
    }

    ChatAnswer withCitations(List<Citation> newCitations) {
        return new ChatAnswer(answer, newCitations, deployment, notFound, usage);
    }
}
