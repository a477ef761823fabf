package dev.quarry.ingest.parse;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Chooses the parser for a file by its extension. */
public final class Parsers {

    private final Map<String, Parser> byExtension;

    public Parsers() {
        Parser markdown = new MarkdownParser();
        Parser text = new TextParser();
        Parser html = new HtmlParser();
        Parser pdf = new PdfParser();
        Parser docx = new DocxParser();
        byExtension = Map.of("md", markdown, "markdown", markdown, "txt", text, "text", text,
                "html", html, "htm", html, "pdf", pdf, "docx", docx);
    }

    public Optional<Parser> forFile(Path file) {
        return Optional.ofNullable(byExtension.get(extension(file)));
    }

    public Set<String> extensions() {
        return byExtension.keySet();
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A file name without its extension, with separators as spaces: the title of last resort. */
    static String titleFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ').strip();
    }
}
