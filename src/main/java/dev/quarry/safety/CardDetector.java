package dev.quarry.safety;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, bare or grouped by one kind of separator, that pass the Luhn check and
 * start with a prefix a card network issues with that length. The prefix rule keeps out most of the one in ten
 * order or tracking numbers that pass Luhn by chance.
 */
final class CardDetector implements Detector {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d.,/-])\\d(?:[ -]?\\d){12,18}(?![\\d-]|[.,]\\d)");

    @Override
    public void find(String text, List<Finding> out) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String raw = m.group();
            if (raw.contains(" ") && raw.contains("-")) continue;
            String digits = raw.replace(" ", "").replace("-", "");
            if (raw.length() != digits.length() && !evenlyGrouped(raw)) continue;
            if (issued(digits) && Luhn.valid(digits)) out.add(new Finding(FindingType.CARD, m.start(), m.end()));
        }
    }

    /** Grouped as cards print them: groups of 4 (Amex and Diners 4-6-5 / 4-6-4), never single stray separators. */
    private static boolean evenlyGrouped(String raw) {
        String[] groups = raw.split("[ -]");
        if (groups.length == 3) return groups[0].length() == 4 && groups[1].length() == 6;
        for (int i = 0; i < groups.length - 1; i++) if (groups[i].length() != 4) return false;
        return groups[groups.length - 1].length() >= 1 && groups[groups.length - 1].length() <= 4;
    }

    /** Whether a network issues numbers of this length with this prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay). */
    static boolean issued(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') return len == 13 || len == 16 || len == 19;
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return len == 16;
        if (two == 34 || two == 37) return len == 15;
        if (four == 6011 || two == 65 || (four >= 6440 && four <= 6499)) return len >= 16;
        if (four >= 3528 && four <= 3589) return len >= 16;
        if (two == 36 || two == 38 || (four >= 3000 && four <= 3059)) return len == 14 || len == 16;
        if (two == 62) return len >= 16;
        return false;
    }
}
