package dev.quarry.safety;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phone numbers that libphonenumber finds valid: international ones anywhere, national ones for the configured
 * default region. A bare run of digits (no {@code +}, no separators) is also what order, invoice and account numbers
 * look like, so it counts only when a word such as "phone" or "call" comes shortly before it.
 */
final class PhoneDetector implements Detector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern CUE = Pattern.compile(
            "(?i)(phone|tel|call|mobile|cell|fax|sms|text|whatsapp|contact|reach|dial|ring|hotline|number)\\W{0,4}(?:\\w+\\W{1,3}){0,2}$");
    /** How far back a cue word may be. */
    private static final int CUE_WINDOW = 30;

    private final String region;

    /** {@code region}: where national numbers without a country code are read as from (ISO 3166 code such as US, DE). */
    PhoneDetector(String region) {
        String upper = region.toUpperCase(Locale.ROOT);
        if (!knowsRegion(upper)) {
            throw new IllegalArgumentException("'" + region + "' is not a region libphonenumber knows (ISO 3166 codes such as US, GB, DE)");
        }
        this.region = upper;
    }

    static boolean knowsRegion(String region) {
        return PHONES.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    @Override
    public void find(String text, List<Finding> out) {
        for (PhoneNumberMatch match : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            String raw = match.rawString();
            if (raw.chars().allMatch(Character::isDigit) && !cued(text, match.start())) continue;
            // A comma never separates a phone number's digits, but does a citation's volume and pages ("210, 307-357").
            if (partOfIdentifier(text, match.start(), match.end()) || dottedNumbering(raw) || raw.indexOf(',') >= 0) continue;
            out.add(new Finding(FindingType.PHONE, match.start(), match.end()));
        }
    }

    /**
     * {@code INV-2024-191532}, {@code Chrome/122.0.4096.197}, {@code 307-357 /1910/}: digits glued to what comes
     * before or after them are an identifier, a version or a citation.
     */
    private static boolean partOfIdentifier(String text, int start, int end) {
        char before = start == 0 ? ' ' : text.charAt(start - 1);
        char after = end >= text.length() ? ' ' : text.charAt(end);
        return Character.isLetterOrDigit(before) || "-_/.#:".indexOf(before) >= 0 || Character.isLetterOrDigit(after) || "-_/".indexOf(after) >= 0;
    }

    /** Dotted phone numbers group two or more digits ({@code 212.555.0175}); OIDs and versions have single digits. */
    private static boolean dottedNumbering(String raw) {
        if (raw.indexOf('.') < 0) return false;
        for (String group : raw.split("\\.")) if (group.strip().length() < 2) return true;
        return false;
    }

    private static boolean cued(String text, int start) {
        return CUE.matcher(text.substring(Math.max(0, start - CUE_WINDOW), start)).find();
    }
}
