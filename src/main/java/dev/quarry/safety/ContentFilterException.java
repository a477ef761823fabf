package dev.quarry.safety;

import dev.quarry.error.QuarryException;
import java.util.List;

/**
 * A question or answer was stopped by a content filter: one of Quarry's blocklists (named by {@code blocklist}), or
 * the model deployment's own filter (its {@code categories}, such as {@code hate} or {@code violence}). The message
 * says which and where, never the blocked text.
 */
public final class ContentFilterException extends QuarryException {

    private final String blocklist;
    private final List<String> categories;

    private ContentFilterException(String field, String message, String blocklist, List<String> categories) {
        super(Kind.INVALID, field, message);
        this.blocklist = blocklist;
        this.categories = List.copyOf(categories);
    }

    /** {@code field}: {@code messages} for a question, {@code answer} for a generated answer. */
    public static ContentFilterException blocked(String field, String blocklist) {
        String what = field.equals("answer") ? "the answer" : "the question";
        return new ContentFilterException(field, what + " contains text on the blocklist '" + blocklist + "'", blocklist, List.of());
    }

    /** The deployment's own content filter stopped the prompt or the answer. */
    public static ContentFilterException upstream(String deployment, boolean prompt, List<String> categories) {
        String what = prompt ? "the prompt" : "the answer";
        String named = categories.isEmpty() ? "" : " (" + String.join(", ", categories) + ")";
        return new ContentFilterException(prompt ? "messages" : "answer", "deployment '" + deployment + "' filtered " + what
                + " with its content filter" + named, null, categories);
    }

    /** The blocklist that matched; null when the deployment's own filter did. */
    public String blocklist() {
        return blocklist;
    }

    /** The categories the deployment's filter named; empty for a blocklist. */
    public List<String> categories() {
        return categories;
    }
}
