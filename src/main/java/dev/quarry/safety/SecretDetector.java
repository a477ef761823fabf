package dev.quarry.safety;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets: AWS access key ids, PEM private key blocks, JSON Web Tokens (whose header must decode to JSON naming an
 * algorithm), and random-looking values assigned to a key, token, secret or password.
 */
final class SecretDetector implements Detector {

    private static final Pattern AWS_KEY = Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[\\s\\S]*?-----END \\1-----|(?:\\r?\\n[A-Za-z0-9+/=:\\- ]+)+)");
    private static final Pattern JWT = Pattern.compile(
            "(?<![\\w-])(eyJ[A-Za-z0-9_-]{8,})\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}(?![\\w-])");
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)(api[_-]?key|secret[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|secret|access[_-]?token"
                    + "|auth[_-]?token|refresh[_-]?token|token|password|passwd|pwd|key)"
                    + "[\"']?\\s*(?::=|=|:)\\s*[\"']?([A-Za-z0-9+/_.~!@#%^*=-]{12,})");
    private static final Pattern DOTTED_NAME = Pattern.compile("/?[A-Za-z_-]+(?:[./][A-Za-z_-]+)+");
    private static final List<String> CREDENTIAL_WORDS = List.of("key", "token", "secret", "passw", "pwd");
    /** Prefixes that make a "key" an ordinary identifier, not a credential: {@code cache_key=…}, {@code sort_key}. */
    private static final Pattern ORDINARY_PREFIX = Pattern.compile(
            "(?i).*(cache|sort|primary|foreign|partition|idempotency|row|map|hash|lookup|i18n|translation|public|routing"
                    + "|dedup|group|object|s3|message)[_.-]?$");

    @Override
    public void find(String text, List<Finding> out) {
        add(AWS_KEY.matcher(text), FindingType.AWS_KEY, out);
        add(PRIVATE_KEY.matcher(text), FindingType.PRIVATE_KEY, out);
        Matcher jwt = JWT.matcher(text);
        while (jwt.find()) if (jwtHeader(jwt.group(1))) out.add(new Finding(FindingType.JWT, jwt.start(), jwt.end()));
        if (!mentionsCredential(text)) return;
        Matcher assigned = ASSIGNED.matcher(text);
        while (assigned.find()) {
            if (!credentialName(text, assigned.start(1))) continue;
            String value = trimEnd(assigned.group(2));
            if (looksRandom(value)) out.add(new Finding(FindingType.SECRET, assigned.start(2), assigned.start(2) + value.length()));
        }
    }

    /**
     * Whether the name ending in the keyword at {@code at} names a credential: the keyword is the whole name or its
     * last word ({@code db_password}, {@code apiKey}), and not a word such as "monkey" or an ordinary "cache_key".
     */
    private static boolean credentialName(String text, int at) {
        int start = at;
        while (start > 0 && at - start < 40 && isNameChar(text.charAt(start - 1))) start--;
        String prefix = text.substring(start, at);
        if (prefix.isEmpty()) return true;
        char last = prefix.charAt(prefix.length() - 1);
        boolean wordBreak = last == '_' || last == '-' || last == '.' || Character.isLowerCase(last) && Character.isUpperCase(text.charAt(at));
        return wordBreak && !ORDINARY_PREFIX.matcher(prefix).matches();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** A cheap test first: the case-insensitive pattern tried at every position of a long text is slow. */
    private static boolean mentionsCredential(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : CREDENTIAL_WORDS) if (lower.contains(word)) return true;
        return false;
    }

    private static void add(Matcher m, FindingType type, List<Finding> out) {
        while (m.find()) out.add(new Finding(type, m.start(), m.end()));
    }

    private static boolean jwtHeader(String part) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A sentence's full stop or a closing bracket is not part of the value. */
    private static String trimEnd(String value) {
        int end = value.length();
        while (end > 0 && ".!*^%#@~".indexOf(value.charAt(end - 1)) >= 0) end--;
        return value.substring(0, end);
    }

    /**
     * Random-looking: at least 12 characters from at least two of lower, upper and digits (a hex string has two),
     * at least 3.3 bits of entropy per character (words and placeholders such as YOUR_API_KEY fall below), and not
     * a dotted name or path of words ({@code com.example.Config}, {@code /etc/app/keys}).
     */
    static boolean looksRandom(String value) {
        if (value.length() < 12) return false;
        int lower = 0, upper = 0, digit = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLowerCase(c)) lower = 1;
            else if (Character.isUpperCase(c)) upper = 1;
            else if (Character.isDigit(c)) digit = 1;
        }
        if (lower + upper + digit < 2 || digit == 0 && value.contains("_") || DOTTED_NAME.matcher(value).matches()) return false;
        return Entropy.bitsPerChar(value) >= 3.3;
    }
}
