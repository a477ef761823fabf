package dev.quarry.safety;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers. They carry no check digit, so the format rules are all there is: written 3-2-4 with
 * hyphens (bare nine digits only right after "SSN" or "social security"), an area that is not 000, 666 or 9xx, a
 * group that is not 00 and a serial that is not 0000, and not one of the numbers published in advertisements.
 */
final class SsnDetector implements Detector {

    private static final Pattern HYPHENATED = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-]|\\.\\d)");
    private static final Pattern NAMED_BARE = Pattern.compile(
            "(?i)(?:\\bSSN|social security(?: number| no\\.?)?)\\s*(?:#|:|is)?\\s*(\\d{3})(\\d{2})(\\d{4})(?!\\d)");

    @Override
    public void find(String text, List<Finding> out) {
        Matcher m = HYPHENATED.matcher(text);
        while (m.find()) {
            if (allowed(m.group(1), m.group(2), m.group(3))) out.add(new Finding(FindingType.SSN, m.start(), m.end()));
        }
        if (!mentionsSsn(text)) return;
        Matcher bare = NAMED_BARE.matcher(text);
        while (bare.find()) {
            if (allowed(bare.group(1), bare.group(2), bare.group(3))) {
                out.add(new Finding(FindingType.SSN, bare.start(1), bare.end(3)));
            }
        }
    }

    /** A cheap test first: a case-insensitive pattern tried at every position of a long text is slow. */
    private static boolean mentionsSsn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("ssn") || lower.contains("social security");
    }

    static boolean allowed(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        if (a == 0 || a == 666 || a >= 900) return false;
        if (group.equals("00") || serial.equals("0000")) return false;
        String all = area + group + serial;
        return !all.equals("078051120") && !all.equals("219099999");
    }
}
