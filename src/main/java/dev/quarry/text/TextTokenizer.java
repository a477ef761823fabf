package dev.quarry.text;

/** The model's own tokenizer, seen as character spans, so chunks can be cut on token boundaries. */
public interface TextTokenizer {

    /** Character spans of the tokens of {@code text}, without special tokens and without truncation. */
    TokenSpans spans(String text);

    /** How many content tokens one model input can hold (the model limit less its special tokens). */
    int maxContentTokens();

    /** The token count of {@code text}, as the model will see it (before its special tokens). */
    default int count(String text) {
        return spans(text).size();
    }
}
