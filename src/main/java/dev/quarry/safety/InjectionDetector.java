package dev.quarry.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that reads like instructions to a language model rather than content for a reader: requests to ignore earlier
 * instructions or reveal the system prompt, a new persona, chat-template role markers, tool-call syntax, and hidden
 * characters (invisible Unicode tag characters, runs of zero-width characters) that carry text a reader never sees.
 */
final class InjectionDetector {

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("(?i)\\b(?:ignore|disregard|forget|override|bypass)\\b[^.\\n]{0,40}?\\b(?:previous|prior|above|earlier"
                    + "|preceding|all|any|your|system)\\b[^.\\n]{0,20}?\\b(?:instructions?|prompts?|rules|directions|guidelines|directives)\\b"),
            Pattern.compile("(?i)\\b(?:reveal|print|show|output|repeat|leak|disclose)\\b[^.\\n]{0,30}?\\b(?:system prompt|hidden instructions"
                    + "|initial instructions|your instructions|developer message)\\b"),
            Pattern.compile("(?i)\\b(?:you are now (?:DAN|unrestricted|unfiltered|jailbroken|no longer bound|free from)"
                    + "|from now on,? you (?:are|will|must)|enter (?:developer|god) mode|jailbreak mode)\\b"),
            Pattern.compile("(?i)\\b(?:note|message|instructions?) (?:to|for) (?:the |any )?(?:AI|assistant|LLM|language model|chatbot)s?\\b"),
            Pattern.compile("<\\|(?:im_start|im_end|system|assistant|user|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\\|>"
                    + "|\\[/?INST\\]|<</?SYS>>|<start_of_turn>|(?im)^\\s*###\\s*(?:system|instruction)s?\\s*:"),
            Pattern.compile("\"(?:tool_calls|function_call)\"\\s*:|</?(?:tool_call|function_calls|invoke)\\b"),
            Pattern.compile("[\\x{E0000}-\\x{E007F}]+|[\\u200B\\u200C\\u200E\\u200F\\u2060-\\u2064\\uFEFF]{2,}"));

    /** The ranges that read like injected instructions, in order, overlapping ones merged. */
    List<Span> find(String text) {
        List<int[]> spans = new ArrayList<>();
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(text);
            while (m.find()) spans.add(new int[] {m.start(), m.end()});
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Span> merged = new ArrayList<>();
        for (int[] s : spans) {
            Span last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && s[0] <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), s[1])));
            } else {
                merged.add(new Span(s[0], s[1]));
            }
        }
        return merged;
    }
}
