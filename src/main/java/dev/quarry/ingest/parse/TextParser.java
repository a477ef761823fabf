package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plain text: paragraphs as they are; a short first line followed by a blank line is the title. A line underlined
 * with a row of one punctuation character is a heading, as reStructuredText, AsciiDoc and Markdown write them in
 * plain text (a Sphinx manual's sources, Debian's git manual): it opens a section, the first kind of underline met
 * being the top level, and the underline itself is left out of the text.
 */
final class TextParser implements Parser {

    private static final int MAX_TITLE_LENGTH = 120;
    private static final Pattern UNDERLINE = Pattern.compile("([=\\-~^*+#\"'`:.])\\1{2,}\\s*");

    @Override
    public String type() {
        return "text";
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        String[] lines = TextDecoding.decode(content).replace("\r\n", "\n").replace('\r', '\n').strip().split("\n", -1);
        StringBuilder text = new StringBuilder();
        List<ParsedDocument.Section> sections = new ArrayList<>();
        List<Character> underlines = new ArrayList<>();
        List<String> path = new ArrayList<>();
        int sectionStart = 0;
        String firstHeading = null;
        for (int i = 0; i < lines.length; i++) {
            if (isHeading(lines, i)) {
                addSection(sections, path, sectionStart, text);
                char mark = lines[i + 1].charAt(0);
                if (!underlines.contains(mark)) underlines.add(mark);
                int level = underlines.indexOf(mark);
                while (path.size() > level) path.removeLast();
                String heading = lines[i].strip();
                path.add(heading);
                if (firstHeading == null && text.toString().isBlank()) firstHeading = heading;
                sectionStart = text.length();
                text.append(heading).append('\n');
                i++;
            } else {
                text.append(lines[i]).append('\n');
            }
        }
        addSection(sections, path, sectionStart, text);
        String body = text.toString().stripTrailing();
        return new ParsedDocument(title(file, body, firstHeading), body, sections, List.of(), type());
    }

    /**
     * A heading: a short single line, not indented and after a blank line (or first), whose next line is a row of
     * one punctuation character about as long as it or longer.
     */
    private static boolean isHeading(String[] lines, int i) {
        if (i + 1 >= lines.length || (i > 0 && !lines[i - 1].isBlank())) return false;
        String line = lines[i];
        String strip = line.strip();
        if (strip.isEmpty() || strip.length() > MAX_TITLE_LENGTH || Character.isWhitespace(line.charAt(0))) return false;
        if (UNDERLINE.matcher(line).matches()) return false;
        String under = lines[i + 1];
        return UNDERLINE.matcher(under).matches() && under.strip().length() >= Math.max(3, strip.length() - 2);
    }

    private static void addSection(List<ParsedDocument.Section> sections, List<String> path, int start, StringBuilder text) {
        int end = text.toString().stripTrailing().length();
        if (end > start) sections.add(new ParsedDocument.Section(String.join(" > ", path), start, end));
    }

    private static String title(Path file, String text, String firstHeading) {
        if (firstHeading != null) return firstHeading;
        int firstBreak = text.indexOf("\n\n");
        if (firstBreak > 0 && firstBreak <= MAX_TITLE_LENGTH && text.substring(0, firstBreak).indexOf('\n') < 0) {
            return text.substring(0, firstBreak).strip();
        }
        return Parsers.titleFromFileName(file);
    }
}
