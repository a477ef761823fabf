package dev.quarry.search;

/**
 * A candidate in a ranking, not loaded yet: its score, and the scores of the lists it came from (null where a list
 * did not find it).
 */
record Ranked(int ref, double score, Double vectorScore, Double keywordScore) {
}
