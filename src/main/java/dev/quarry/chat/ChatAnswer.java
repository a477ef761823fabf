package dev.quarry.chat;

import java.util.List;

/**
 * An answer built only from retrieved sources: the text with {@code [n]} markers, the sources they point to, and
 * how it was made ({@code extractive}: sentences quoted from the sources; {@code notFound}: nothing retrieved was
 * relevant enough to answer from).
 */
public record ChatAnswer(String answer, List<Citation> citations, String deployment, boolean notFound) {
}
