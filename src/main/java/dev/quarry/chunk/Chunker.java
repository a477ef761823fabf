package dev.quarry.chunk;

import dev.quarry.text.TextTokenizer;
import dev.quarry.text.TokenSpans;
import dev.quarry.text.ParsedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into chunks that fit the embedding model. Chunks never cross a section; inside a section a cut
 * falls, by preference, on a paragraph break, then a sentence end, then any token boundary, in the second half of
 * the token budget. Consecutive chunks share up to {@code overlapTokens} tokens, started at a sentence where one
 * lies in the overlap window.
 */
public final class Chunker {

    /** Sections of fewer model tokens than this are merged with a neighbour; see {@link #mergeShortSections}. */
    static final int MIN_SECTION_TOKENS = 12;

    private final TextTokenizer tokenizer;
    private final ChunkSettings settings;

    public Chunker(TextTokenizer tokenizer, ChunkSettings settings) {
        this.tokenizer = tokenizer;
        this.settings = settings;
    }

    public List<Chunk> chunk(ParsedDocument doc) {
        List<Chunk> chunks = new ArrayList<>();
        for (ParsedDocument.Section section : mergeShortSections(doc)) {
            String context = context(doc.title(), section.headingPath());
            int budget = budget(context);
            String sectionText = doc.text().substring(section.start(), section.end());
            TokenSpans tokens = tokenizer.spans(sectionText);
            if (tokens.size() == 0) continue;
            Breaks breaks = Breaks.of(sectionText, tokens);
            int from = 0;
            while (from < tokens.size()) {
                int to = cut(breaks, from, budget, tokens.size());
                int start = section.start() + tokens.start(from);
                int end = section.start() + tokens.end(to - 1);
                String text = doc.text().substring(start, end);
                String embedText = context.isEmpty() ? text : context + "\n\n" + text;
                chunks.add(new Chunk(chunks.size(), start, end, text, section.headingPath(), embedText, section.page()));
                if (to >= tokens.size()) break;
                from = overlapStart(breaks, from, to);
            }
        }
        return chunks;
    }

    /**
     * A section that is hardly more than its heading (a title, or a heading straight before its subheadings) would
     * be a chunk that ranks on its words and answers nothing: it joins the section after it, or at the end of the
     * document the one before. The merged section keeps the more specific heading path.
     */
    private List<ParsedDocument.Section> mergeShortSections(ParsedDocument doc) {
        List<ParsedDocument.Section> merged = new ArrayList<>();
        ParsedDocument.Section pending = null;
        for (ParsedDocument.Section section : doc.sections()) {
            if (pending != null) {
                String path = section.headingPath().startsWith(pending.headingPath()) ? section.headingPath() : pending.headingPath();
                section = new ParsedDocument.Section(path, pending.start(), section.end(), pending.page());
                pending = null;
            }
            if (tokenizer.count(doc.text().substring(section.start(), section.end())) < MIN_SECTION_TOKENS) {
                pending = section;
            } else {
                merged.add(section);
            }
        }
        if (pending != null) {
            if (merged.isEmpty()) {
                merged.add(pending);
            } else {
                ParsedDocument.Section last = merged.removeLast();
                merged.add(new ParsedDocument.Section(last.headingPath(), last.start(), pending.end(), last.page()));
            }
        }
        return merged;
    }

    /** The heading context embedded with each chunk: title and heading path, without repeating the title. */
    private String context(String title, String headingPath) {
        if (!settings.headingContext()) return "";
        if (headingPath.isEmpty() || headingPath.equals(title)) return title;
        if (title.isEmpty() || headingPath.startsWith(title)) return headingPath;
        return title + " > " + headingPath;
    }

    private int budget(String context) {
        int room = tokenizer.maxContentTokens() - (context.isEmpty() ? 0 : tokenizer.count(context) + 1);
        // A pathological heading could eat the model's room; text still gets at least a quarter of it.
        return Math.max(Math.min(settings.maxTokens(), room), Math.min(settings.maxTokens(), tokenizer.maxContentTokens() / 4));
    }

    private static int cut(Breaks breaks, int from, int budget, int size) {
        int limit = from + budget;
        if (limit >= size) return size;
        int best = limit;
        int bestRank = Breaks.TOKEN;
        for (int at = limit; at > from + budget / 2; at--) {
            int rank = breaks.rankBefore(at);
            if (rank > bestRank) {
                best = at;
                bestRank = rank;
                if (rank == Breaks.PARAGRAPH) break;
            }
        }
        return best;
    }

    private int overlapStart(Breaks breaks, int from, int to) {
        if (settings.overlapTokens() == 0 || breaks.rankBefore(to) == Breaks.PARAGRAPH) return to;
        int earliest = Math.max(from + 1, to - settings.overlapTokens());
        for (int at = earliest; at < to; at++) {
            if (breaks.rankBefore(at) >= Breaks.SENTENCE) return at;
        }
        return earliest;
    }
}
