package dev.quarry.safety;

/** One value found in a text: its type and the exact character range {@code [start, end)} it occupies. */
public record Finding(FindingType type, int start, int end) {

    public Finding {
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad finding range " + start + ".." + end);
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
