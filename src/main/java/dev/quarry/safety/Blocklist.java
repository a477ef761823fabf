package dev.quarry.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Override
    public String toString() {
        return name;
    }
}
