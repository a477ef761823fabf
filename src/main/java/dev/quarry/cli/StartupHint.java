package dev.quarry.cli;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.IndexedChunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What {@code serve} prints once it listens: where it is and a first search to copy. The search is for the title of
 * a document really in the index, so the first query a user tries finds something whatever they indexed; an empty
 * index gets directions to fill it instead.
 */
final class StartupHint {

    /** Enough documents to find a good title among; reading more would only slow the start of a large index. */
    private static final int DOCUMENTS_LOOKED_AT = 50;

    private StartupHint() {
    }

    static String text(String url, boolean keysRequired, Optional<String> query, List<Path> ingestRoots) {
        StringBuilder out = new StringBuilder("\nQuarry is ready at ").append(url).append('\n');
        String auth = keysRequired ? "-H 'Authorization: Bearer $KEY' " : "";
        if (query.isPresent()) {
            out.append("Open the studio at ").append(url).append("/ or try a search:\n")
                    .append("  curl -s ").append(url).append("/v1/search -H 'Content-Type: application/json' \\\n")
                    .append("       ").append(auth).append("-d '{\"query\": \"").append(query.get()).append("\", \"k\": 3}'\n");
        } else {
            out.append("The index is empty. Restart with --ingest <folder> to index a folder");
            if (ingestRoots.isEmpty()) {
                out.append(", or run `quarry ingest <folder>` first.\n");
            } else {
                out.append(", or ingest one under ").append(ingestRoots.getFirst()).append(" now:\n")
                        .append("  curl -s ").append(url).append("/v1/ingest -H 'Content-Type: application/json' ").append(auth)
                        .append("-d '{\"folder\": \"").append(safe(ingestRoots.getFirst().toString())).append("\"}'\n");
            }
        }
        return out.append("Press Ctrl+C to stop.").toString();
    }

    /**
     * A query built from the index: the first title, in document order, that reads like something a person would
     * search for; failing that, the opening words of the first document. Empty for an empty index.
     */
    static Optional<String> query(ChunkIndex index) {
        String fallback = null;
        int looked = 0;
        for (String docId : new TreeSet<>(index.documentHashes().keySet())) {
            if (looked++ == DOCUMENTS_LOOKED_AT) break;
            List<IndexedChunk> chunks = index.documentChunks(docId);
            if (chunks.isEmpty()) continue;
            IndexedChunk first = chunks.getFirst();
            if (readsLikeAQuery(first.title())) return Optional.of(safe(first.title()));
            if (fallback == null) fallback = openingWords(first.text());
        }
        return Optional.ofNullable(fallback).filter(s -> !s.isBlank());
    }

    /** Two to ten words with letters, not a file name: "Keeping a Sourdough Starter Alive", not "notes_2021.txt". */
    static boolean readsLikeAQuery(String title) {
        if (title == null) return false;
        String t = title.strip();
        int words = t.isEmpty() ? 0 : t.split("\\s+").length;
        return words >= 2 && words <= 10 && t.length() <= 80 && t.chars().anyMatch(Character::isLetter)
                && !t.contains("_") && !t.matches(".*\\.[A-Za-z0-9]{1,5}");
    }

    private static String openingWords(String text) {
        String[] words = safe(text).split(" ");
        return String.join(" ", List.of(words).subList(0, Math.min(6, words.length)));
    }

    /**
     * Letters, digits and plain punctuation only, so the suggestion can be pasted into a shell inside single quotes
     * and sits inside a JSON string without escapes.
     */
    static String safe(String text) {
        return text == null ? "" : text.replaceAll("[^\\p{L}\\p{N} ,.?!:;()/-]+", " ").replaceAll("\\s+", " ").strip();
    }
}
