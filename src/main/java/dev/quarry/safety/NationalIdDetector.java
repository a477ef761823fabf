package dev.quarry.safety;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identifiers that carry a check digit, beyond the US SSN (which has none, see {@link SsnDetector}):
 * Spain's DNI and NIE (mod-23 letter), Italy's codice fiscale (its check letter), France's NIR (mod-97 key),
 * Canada's SIN (Luhn), the Netherlands' BSN (the 11-test), India's Aadhaar (Verhoeff) and Germany's tax
 * identification number (ISO 7064 mod 11,10). A check digit alone passes one random number in 10 or 11, so the
 * bare-digit schemes (SIN, BSN, Aadhaar, tax ID) also need their name shortly before the number; the DNI, NIE,
 * codice fiscale and a NIR written in its groups are specific enough on their own.
 */
final class NationalIdDetector implements Detector {

    /** How far before a bare-digit identifier its name may stand: "BSN (burgerservicenummer) of the tenant: ". */
    private static final int CONTEXT_CHARS = 60;

    /** Written apart ("12345678-Z"), the number and letter need the document's name: order codes look the same. */
    private static final Pattern DNI = Pattern.compile("(?<![\\w-])(\\d{8})([ -]?)([A-Z])(?![\\w-])");
    private static final Pattern DNI_NAME = Pattern.compile("\\b(?:DNI|NIF|NIE)\\b|(?i:documento|national id|id card)");
    private static final Pattern NIE = Pattern.compile("(?<![\\w-])([XYZ])[ -]?(\\d{7})[ -]?([A-Z])(?![\\w-])");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final Pattern CODICE_FISCALE =
            Pattern.compile("(?<![A-Za-z0-9])[A-Z]{6}\\d{2}[ABCDEHLMPRST]\\d{2}[A-Z]\\d{3}[A-Z](?![A-Za-z0-9])");
    private static final Pattern NIR = Pattern.compile(
            "(?<![\\w-])([12])( ?)(\\d{2})\\2(0[1-9]|1[0-2]|[2-9]\\d)\\2(\\d{2}|2[AB])\\2(\\d{3})\\2(\\d{3})\\2(\\d{2})(?![\\w-])");
    private static final Pattern NINE_DIGITS = Pattern.compile("(?<![\\w.-])(\\d{3})([ -]?)(\\d{3})\\2(\\d{3})(?![\\w-]|[.,]\\d)");
    private static final Pattern BSN_DOTTED = Pattern.compile("(?<![\\w.-])(\\d{4})\\.(\\d{2})\\.(\\d{3})(?![\\w-]|[.,]\\d)");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<![\\w-])([2-9]\\d{3})([ -]?)(\\d{4})\\2(\\d{4})(?![\\w-]|[.,]\\d)");
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<![\\w-])([1-9]\\d)( ?)(\\d{3})\\2(\\d{3})\\2(\\d{3})(?![\\w-]|[.,]\\d)");

    private static final int[][] VERHOEFF_D = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    private static final Pattern SIN_NAME = Pattern.compile("\\bSIN\\b|(?i:social insurance|assurance sociale)");
    private static final Pattern BSN_NAME = Pattern.compile("\\bBSN\\b|(?i:burgerservicenummer|sofinummer)");
    private static final Pattern AADHAAR_NAME = Pattern.compile("\\bUIDAI?\\b|(?i:aadhaa?r)");
    private static final Pattern TAX_ID_NAME = Pattern.compile(
            "\\b(?:IdNr|TIN)\\b|(?i:steuer-?id|steuerliche identifikationsnummer|steueridentifikationsnummer|identifikationsnummer|tax id)");
    private static final Pattern NIR_NAME = Pattern.compile("\\b(?:NIR|INSEE)\\b|(?i:s[ée]curit[ée] sociale|social security)");

    @Override
    public void find(String text, List<Finding> out) {
        // Most text has neither seven digits in a row nor six capitals in a row: one pass spares it every pattern.
        Runs runs = Runs.of(text);
        if (runs.capitals() >= 6) {
            Matcher m = CODICE_FISCALE.matcher(text);
            while (m.find()) if (codiceFiscaleValid(m.group())) add(out, m.start(), m.end());
        }
        if (runs.digits() >= 7) findNumbers(text, out);
    }

    private void findNumbers(String text, List<Finding> out) {
        Matcher m = DNI.matcher(text);
        while (m.find()) {
            if (dniLetter(Long.parseLong(m.group(1))) == m.group(3).charAt(0) && (m.group(2).isEmpty() || named(text, m.start(), DNI_NAME))) {
                add(out, m.start(), m.end());
            }
        }
        m = NIE.matcher(text);
        while (m.find()) {
            long number = Long.parseLong("XYZ".indexOf(m.group(1).charAt(0)) + m.group(2));
            if (dniLetter(number) == m.group(3).charAt(0)) add(out, m.start(), m.end());
        }
        m = NIR.matcher(text);
        while (m.find()) {
            boolean grouped = !m.group(2).isEmpty();
            if ((grouped || named(text, m.start(), NIR_NAME)) && nirValid(m)) add(out, m.start(), m.end());
        }
        m = NINE_DIGITS.matcher(text);
        while (m.find()) {
            String digits = m.group(1) + m.group(3) + m.group(4);
            if (named(text, m.start(), SIN_NAME) && digits.charAt(0) != '0' && digits.charAt(0) != '8' && Luhn.valid(digits)) {
                add(out, m.start(), m.end());
            } else if (m.group(2).isEmpty() && named(text, m.start(), BSN_NAME) && elevenTest(digits)) {
                add(out, m.start(), m.end());
            }
        }
        m = BSN_DOTTED.matcher(text);
        while (m.find()) {
            if (named(text, m.start(), BSN_NAME) && elevenTest(m.group(1) + m.group(2) + m.group(3))) add(out, m.start(), m.end());
        }
        m = TWELVE_DIGITS.matcher(text);
        while (m.find()) {
            if (named(text, m.start(), AADHAAR_NAME) && verhoeffValid(m.group(1) + m.group(3) + m.group(4))) add(out, m.start(), m.end());
        }
        m = ELEVEN_DIGITS.matcher(text);
        while (m.find()) {
            String digits = m.group(1) + m.group(3) + m.group(4) + m.group(5);
            if (named(text, m.start(), TAX_ID_NAME) && taxIdValid(digits)) add(out, m.start(), m.end());
        }
    }

    /** The longest run of digits (single spaces, hyphens or dots may part them) and of ASCII capitals. */
    private record Runs(int digits, int capitals) {

        static Runs of(String text) {
            int digits = 0;
            int capitals = 0;
            int digitRun = 0;
            int capitalRun = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits = Math.max(digits, ++digitRun);
                } else if (!((c == ' ' || c == '-' || c == '.') && digitRun > 0 && i + 1 < text.length()
                        && Character.isDigit(text.charAt(i + 1)))) {
                    digitRun = 0;
                }
                capitalRun = c >= 'A' && c <= 'Z' ? capitalRun + 1 : 0;
                capitals = Math.max(capitals, capitalRun);
            }
            return new Runs(digits, capitals);
        }
    }

    private static void add(List<Finding> out, int start, int end) {
        out.add(new Finding(FindingType.NATIONAL_ID, start, end));
    }

    private static boolean named(String text, int start, Pattern name) {
        return name.matcher(text).region(Math.max(0, start - CONTEXT_CHARS), start).find();
    }

    static char dniLetter(long number) {
        return DNI_LETTERS.charAt((int) (number % 23));
    }

    /** Odd positions (1st, 3rd…) count by a fixed table, even ones by their value; the sum mod 26 is the letter. */
    static boolean codiceFiscaleValid(String code) {
        final int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = code.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[value] : value;
        }
        return code.charAt(15) == (char) ('A' + sum % 26);
    }

    /** The key is 97 minus the first 13 digits mod 97; Corsica's departments 2A and 2B count as 19 and 18. */
    static boolean nirValid(Matcher m) {
        String department = m.group(5);
        String dept = switch (department) {
            case "2A" -> "19";
            case "2B" -> "18";
            default -> department;
        };
        long body = Long.parseLong(m.group(1) + m.group(3) + m.group(4) + dept + m.group(6) + m.group(7));
        return 97 - body % 97 == Integer.parseInt(m.group(8));
    }

    /** The Dutch 11-test: 9×d1 + 8×d2 + … + 2×d8 − d9 is a multiple of 11. */
    static boolean elevenTest(String digits) {
        if (digits.chars().allMatch(c -> c == '0')) return false;
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (9 - i) * (digits.charAt(i) - '0');
        sum -= digits.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** Verhoeff's dihedral-group check, which catches every single error and swap of neighbours. */
    static boolean verhoeffValid(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return c == 0;
    }

    /**
     * Germany's tax ID: ISO 7064 mod 11,10 over the first ten digits, of which exactly one repeats (twice or three
     * times) and the others appear at most once.
     */
    static boolean taxIdValid(String digits) {
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) counts[digits.charAt(i) - '0']++;
        int repeated = 0;
        for (int n : counts) {
            if (n > 3) return false;
            if (n > 1) repeated++;
        }
        if (repeated != 1) return false;
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == digits.charAt(10) - '0';
    }
}
