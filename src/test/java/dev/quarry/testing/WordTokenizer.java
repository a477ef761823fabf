package dev.quarry.testing;

import dev.quarry.text.TextTokenizer;
import dev.quarry.text.TokenSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tokenizer for fast tests: each word and each punctuation mark is a token, like a BERT pre-tokenizer. */
public final class WordTokenizer implements TextTokenizer {

    private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]");

    private final int maxContentTokens;

    public WordTokenizer(int maxContentTokens) {
        this.maxContentTokens = maxContentTokens;
    }

    @Override
    public TokenSpans spans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
        }
        return new TokenSpans(starts, ends);
    }

    @Override
    public int maxContentTokens() {
        return maxContentTokens;
    }
}
