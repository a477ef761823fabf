package dev.quarry.safety;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, bare or in groups of four: a country code, two check digits and as many characters as that country's IBAN
 * has, passing the ISO 13616 mod-97 check.
 */
final class IbanDetector implements Detector {

    private static final Pattern START = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2})\\d{2}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    /** The length of each country's IBANs (SWIFT's IBAN registry). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23), Map.entry("GL", 18),
            Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
            Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
            Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("SA", 24), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22));

    @Override
    public void find(String text, List<Finding> out) {
        Matcher m = START.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.end();
            Integer length = LENGTHS.get(m.group(1));
            if (length == null) continue;
            int end = collect(text, m.start(), length);
            if (end < 0) continue;
            String iban = text.substring(m.start(), end).replace(" ", "");
            if (valid(iban)) {
                out.add(new Finding(FindingType.IBAN, m.start(), end));
                from = end;
            }
        }
    }

    /** The end of {@code length} alphanumerics from {@code start}, single spaces allowed between them, or -1. */
    private static int collect(String text, int start, int length) {
        int count = 0;
        int at = start;
        while (at < text.length() && count < length) {
            char c = text.charAt(at);
            if (isAlnum(c)) {
                count++;
            } else if (c != ' ' || at + 1 >= text.length() || !isAlnum(text.charAt(at + 1))) {
                return -1;
            }
            at++;
        }
        if (count < length || (at < text.length() && isAlnum(text.charAt(at)))) return -1;
        return at;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean valid(String iban) {
        StringBuilder digits = new StringBuilder();
        String rotated = iban.substring(4) + iban.substring(0, 4);
        for (int i = 0; i < rotated.length(); i++) {
            char c = rotated.charAt(i);
            if (c >= 'A' && c <= 'Z') digits.append(c - 'A' + 10); else digits.append(c);
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
