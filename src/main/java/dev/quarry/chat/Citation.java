package dev.quarry.chat;

/**
 * A numbered source of an answer: {@code [n]} in the answer text points here; {@code collection} names the collection
 * the chunk is in.
 */
public record Citation(int n, String collection, String chunkId, String docId, String path, String title, String section, Integer page,
                       int start, int end, String snippet) {

    Citation in(String collectionName) {
        return new Citation(n, collectionName, chunkId, docId, path, title, section, page, start, end, snippet);
    }
}
