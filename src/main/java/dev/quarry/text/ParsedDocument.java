package dev.quarry.text;

import java.util.List;

/**
 * The text Quarry extracted from one file, with its structure: offsets in {@link Section}s point into
 * {@link #text()}, so a chunk can always be traced back to the exact characters it came from.
 */
public record ParsedDocument(String title, String text, List<Section> sections, List<String> tags, String type) {

    public ParsedDocument {
        title = title == null ? "" : title.strip();
        sections = List.copyOf(sections);
        tags = List.copyOf(tags);
    }

    /**
     * A run of text under one heading path ({@code "Setup > Linux"}; empty before the first heading), on one page
     * ({@code page} from 1 in paged formats, 0 elsewhere).
     */
    public record Section(String headingPath, int start, int end, int page) {
        public Section {
            if (start < 0 || end < start) throw new IllegalArgumentException("bad section range " + start + ".." + end);
        }

        public Section(String headingPath, int start, int end) {
            this(headingPath, start, end, 0);
        }
    }
}
