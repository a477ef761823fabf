package dev.quarry.chat;

/** A numbered source of an answer: {@code [n]} in the answer text points here. */
public record Citation(int n, String chunkId, String docId, String path, String title, String section, Integer page,
                       int start, int end, String snippet) {
}
