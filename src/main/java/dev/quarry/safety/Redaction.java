package dev.quarry.safety;

import java.util.List;

/**
 * A text with some findings replaced by their placeholders, and the map from offsets in the original text to offsets
 * in the redacted one, so sections found in the original point at the same characters after redaction.
 */
final class Redaction {

    private final String text;
    private final List<Finding> replaced;
    /** Where each replaced finding's placeholder starts in the redacted text. */
    private final int[] newStarts;

    /** {@code findings}: in order, not overlapping. */
    Redaction(String original, List<Finding> findings) {
        this.replaced = List.copyOf(findings);
        this.newStarts = new int[replaced.size()];
        StringBuilder out = new StringBuilder(original.length());
        int at = 0;
        for (int i = 0; i < replaced.size(); i++) {
            Finding f = replaced.get(i);
            out.append(original, at, f.start());
            newStarts[i] = out.length();
            out.append(f.type().placeholder());
            at = f.end();
        }
        out.append(original, at, original.length());
        this.text = out.toString();
    }

    String text() {
        return text;
    }

    /**
     * The redacted offset of {@code offset}: shifted by the replacements before it; an offset inside a replaced value
     * moves to the end of its placeholder, so a range never cuts a placeholder in two.
     */
    int map(int offset) {
        int lo = 0, hi = replaced.size() - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (replaced.get(mid).start() < offset) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (last < 0) return offset;
        Finding f = replaced.get(last);
        int placeholderEnd = newStarts[last] + f.type().placeholder().length();
        return offset >= f.end() ? placeholderEnd + (offset - f.end()) : placeholderEnd;
    }
}
