package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF through PDFBox: the text of each page in reading order, one section per page, so every chunk has its page. */
final class PdfParser implements Parser {

    @Override
    public String type() {
        return "pdf";
    }

    /** A line that ends with a letter and a hyphen, followed by one that starts in lower case: a word split in two. */
    private static final Pattern HYPHENATED = Pattern.compile("(?<=\\p{L})-\\n(?=\\p{Ll})");
    /**
     * A line break inside a sentence: the line does not end a sentence and the next is not blank, a bullet or a
     * numbered item. PDFs break every line where the page did; a reader sees one paragraph.
     */
    private static final Pattern WRAPPED = Pattern.compile("(?<=[^.!?:\\n])\\n(?![\\n•●▪\\-–*]|\\d{1,3}[.)]\\s)");

    /** Joins the lines of a page as its reader sees them: hyphenated words whole, wrapped sentences on one line. */
    static String joinWrappedLines(String page) {
        return WRAPPED.matcher(HYPHENATED.matcher(page).replaceAll("")).replaceAll(" ");
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            StringBuilder text = new StringBuilder();
            List<ParsedDocument.Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String pageText = joinWrappedLines(stripper.getText(pdf).replace("\r\n", "\n").strip());
                if (pageText.isEmpty()) continue;
                if (!text.isEmpty()) text.append("\n\n");
                int start = text.length();
                text.append(pageText);
                sections.add(new ParsedDocument.Section("", start, text.length(), page));
            }
            String title = pdf.getDocumentInformation().getTitle();
            if (title == null || title.isBlank()) title = Parsers.titleFromFileName(file);
            return new ParsedDocument(title, text.toString(), sections, List.of(), type());
        } catch (InvalidPasswordException e) {
            throw new ParseException("password-protected PDF", e);
        } catch (IOException e) {
            throw new ParseException("corrupt or unreadable PDF: " + e.getMessage(), e);
        }
    }
}
