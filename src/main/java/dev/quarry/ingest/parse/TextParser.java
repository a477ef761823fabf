package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.nio.file.Path;
import java.util.List;

/** Plain text: paragraphs as they are; a short first line followed by a blank line is the title. */
final class TextParser implements Parser {

    private static final int MAX_TITLE_LENGTH = 120;

    @Override
    public String type() {
        return "text";
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        String text = TextDecoding.decode(content).replace("\r\n", "\n").replace('\r', '\n').strip();
        String title = Parsers.titleFromFileName(file);
        int firstBreak = text.indexOf("\n\n");
        if (firstBreak > 0 && firstBreak <= MAX_TITLE_LENGTH && text.substring(0, firstBreak).indexOf('\n') < 0) {
            title = text.substring(0, firstBreak).strip();
        }
        List<ParsedDocument.Section> sections =
                text.isEmpty() ? List.of() : List.of(new ParsedDocument.Section("", 0, text.length()));
        return new ParsedDocument(title, text, sections, List.of(), type());
    }
}
