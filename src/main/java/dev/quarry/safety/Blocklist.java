package dev.quarry.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A named list of terms (matched as whole words, ignoring case) and regular expressions that questions and answers
 * must not contain, as model studios' custom blocklists.
 */
public final class Blocklist {

    private final String name;
    private final List<Pattern> patterns = new ArrayList<>();

    /** Refuses a bad regular expression with the list's name and the expression's position. */
    public Blocklist(String name, List<String> terms, List<String> expressions) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a blocklist needs a name");
        if (terms.isEmpty() && expressions.isEmpty()) throw new IllegalArgumentException("blocklist '" + name + "' has no terms or patterns");
        this.name = name;
        for (String term : terms) {
            patterns.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term.strip().toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        for (int i = 0; i < expressions.size(); i++) {
            try {
                patterns.add(Pattern.compile(expressions.get(i)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("blocklist '" + name + "' pattern " + (i + 1) + " is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
        }
    }

    public String name() {
        return name;
    }

    /** Whether {@code text} holds a blocked term or matches a blocked pattern. */
    boolean matches(CharSequence text) {
        for (Pattern p : patterns) if (p.matcher(text).find()) return true;
        return false;
    }

    /** Whether the start of a longer text holds blocked text, whatever follows {@code text}. */
    boolean blocksWhateverFollows(CharSequence text) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            // requireEnd: this match could still be lost to more text ("Bluefin" before "s"), so it decides nothing yet.
            while (m.find()) if (!m.requireEnd()) return true;
        }
        return false;
    }

    /**
     * The first position at or after {@code from} where blocked text may begin that more text could complete, so a
     * stream must hold back what follows it; {@code text.length()} when none.
     */
    int undecidedFrom(CharSequence text, int from) {
        List<Matcher> matchers = patterns.stream().map(p -> p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false)).toList();
        for (int i = from; i < text.length(); i++) {
            for (Matcher m : matchers) {
                m.region(i, text.length());
                if (m.lookingAt() || m.hitEnd()) return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return name;
    }
}
