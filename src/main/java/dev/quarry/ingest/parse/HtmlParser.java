package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * HTML through jsoup: the page's main content without scripts, styles and page chrome, and without what the rest of
 * its site repeats ({@link SiteProfile}); headings become sections.
 */
final class HtmlParser implements Parser {

    /**
     * Chrome, and text a browser never shows ({@code hidden}, inline {@code display: none} or {@code visibility:
     * hidden}): the usual hiding place of instructions meant for a model rather than a reader.
     */
    private static final String CHROME = "script, style, noscript, template, nav, header, footer, aside, form, "
            + "button, iframe, svg, [role=navigation], [aria-hidden=true], a.headerlink, a.anchor-link, a.anchorjs-link, "
            + "[hidden], [style~=(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden]";

    private static final String TYPE = "html";

    private final Supplier<SiteProfile> site;

    /** {@code site} is asked on the first page parsed, so a run that parses no HTML learns nothing. */
    HtmlParser(Supplier<SiteProfile> site) {
        this.site = site;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        Document page = read(content);
        return document(blocks(page), site.get(), page.title(), file);
    }

    /** A parsed document from a page's blocks, leaving out those {@code site} marks as boilerplate. */
    static ParsedDocument document(List<HtmlBlocks.Block> blocks, SiteProfile site, String title, Path file) {
        StructuredText out = new StructuredText();
        boolean[] boilerplate = new boolean[blocks.size()];
        for (int i = 0; i < boilerplate.length; i++) boilerplate[i] = site.isBoilerplate(blocks.get(i));
        for (int i = 0; i < blocks.size(); i++) {
            HtmlBlocks.Block block = blocks.get(i);
            if (boilerplate[i]) continue;
            switch (block.kind()) {
                case HEADING -> {
                    if (!leftEmpty(blocks, boilerplate, i)) out.heading(block.level(), block.text());
                }
                // pre keeps its lines; elsewhere the source's line breaks are only spaces, as a browser shows them.
                case CODE, TEXT -> out.block(block.text());
            }
        }
        if (title.isBlank()) title = out.firstHeading() != null ? out.firstHeading() : Parsers.titleFromFileName(file);
        return new ParsedDocument(title, out.text(), out.sections(), List.of(), TYPE);
    }

    /**
     * A heading whose section held only boilerplate ("Methods inherited from class Object" over a list of links): it
     * would be a chunk that is only a heading.
     */
    private static boolean leftEmpty(List<HtmlBlocks.Block> blocks, boolean[] boilerplate, int heading) {
        boolean removed = false;
        for (int i = heading + 1; i < blocks.size(); i++) {
            HtmlBlocks.Block next = blocks.get(i);
            if (boilerplate[i]) {
                removed = true;
            } else {
                return removed && next.kind() == HtmlBlocks.Kind.HEADING && next.level() <= blocks.get(heading).level();
            }
        }
        return removed;
    }

    /** The blocks of a page's main content, the same for learning a site and for parsing one page of it. */
    static List<HtmlBlocks.Block> blocks(Document page) {
        page.select(CHROME).remove();
        Element root = page.selectFirst("main, article, [role=main]");
        return HtmlBlocks.of(root != null ? root : page.body());
    }

    /** jsoup takes the charset from a byte-order mark or {@code <meta charset>}, else reads UTF-8. */
    static Document read(byte[] content) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(content), null, "");
        } catch (IOException e) {
            throw new ParseException("cannot read HTML: " + e.getMessage(), e);
        }
    }
}
