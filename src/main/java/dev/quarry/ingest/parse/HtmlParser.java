package dev.quarry.ingest.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * HTML through jsoup: the page's main content without navigation, scripts, styles and page chrome; headings
 * become sections.
 */
final class HtmlParser implements Parser {

    private static final String CHROME = "script, style, noscript, template, nav, header, footer, aside, form, "
            + "iframe, svg, [role=navigation], [aria-hidden=true], a.headerlink, a.anchor-link, a.anchorjs-link";
    private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, th, td, figcaption";
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    @Override
    public String type() {
        return "html";
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        Document page = read(content);
        page.select(CHROME).remove();
        Element root = page.selectFirst("main, article, [role=main]");
        if (root == null) root = page.body();

        StructuredText out = new StructuredText();
        for (Element block : root.select(BLOCKS)) {
            if (hasBlockAncestorWithin(block, root)) continue;
            String name = block.normalName();
            if (HEADINGS.contains(name)) {
                out.heading(name.charAt(1) - '0', block.text());
            } else if (name.equals("pre")) {
                out.block(block.wholeText());
            } else {
                // As a browser shows it: the source's line breaks inside a paragraph are only spaces.
                out.block(block.text());
            }
        }
        if (out.text().isEmpty() && root.hasText()) out.block(root.text());
        String title = page.title();
        if (title.isBlank()) title = out.firstHeading() != null ? out.firstHeading() : Parsers.titleFromFileName(file);
        return new ParsedDocument(title, out.text(), out.sections(), List.of(), type());
    }

    /** jsoup takes the charset from a byte-order mark or {@code <meta charset>}, else reads UTF-8. */
    private static Document read(byte[] content) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(content), null, "");
        } catch (IOException e) {
            throw new ParseException("cannot read HTML: " + e.getMessage(), e);
        }
    }

    /** A {@code <p>} inside an {@code <li>} is read with its list item, not twice. */
    private static boolean hasBlockAncestorWithin(Element block, Element root) {
        for (Element parent = block.parent(); parent != null && parent != root; parent = parent.parent()) {
            if (parent.is(BLOCKS)) return true;
        }
        return false;
    }
}
