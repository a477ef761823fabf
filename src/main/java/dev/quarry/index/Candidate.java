package dev.quarry.index;

/**
 * A chunk a search found, named by its place in one {@link IndexView} rather than loaded: a search ranks and fuses
 * candidates by these and loads only the chunks it returns.
 */
public record Candidate(int ref, float score) {
}
