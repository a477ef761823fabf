package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Word documents through Apache POI: paragraphs and tables in order; Heading and Title styles become sections. */
final class DocxParser implements Parser {

    @Override
    public String type() {
        return "docx";
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(content))) {
            StructuredText out = new StructuredText();
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    int level = headingLevel(p);
                    if (level >= 0) out.heading(level, p.getText());
                    else out.block(p.getText());
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        out.block(String.join(" | ", row.getTableCells().stream().map(XWPFTableCell::getText).toList()));
                    }
                }
            }
            String title = docx.getProperties().getCoreProperties().getTitle();
            if (title == null || title.isBlank()) title = out.firstHeading() != null ? out.firstHeading() : Parsers.titleFromFileName(file);
            return new ParsedDocument(title, out.text(), out.sections(), List.of(), type());
        } catch (IOException | RuntimeException e) {
            throw new ParseException("corrupt or unreadable DOCX: " + e.getMessage(), e);
        }
    }

    /** 0 for Title (above every heading), 1 for Heading 1 and so on; -1 for body text. */
    private static int headingLevel(XWPFParagraph p) {
        String style = p.getStyle();
        if (style == null) return -1;
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.equals("title")) return 0;
        if (s.startsWith("heading") && s.length() > 7 && Character.isDigit(s.charAt(7))) return s.charAt(7) - '0';
        return -1;
    }
}
