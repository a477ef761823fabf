package dev.quarry.search;

import java.util.List;

/**
 * A sentence of a hit's text that matches the query: {@code start}/{@code end} are offsets into the chunk text,
 * {@code terms} the offsets of the matching words inside it, as {@code [start, end]} pairs.
 */
public record Highlight(int start, int end, String text, List<int[]> terms) {
}
