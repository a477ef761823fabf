package dev.quarry.ingest.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Lays a page's content out in blocks as a browser does: text runs until the next block-level element, so text
 * directly inside a {@code div} is kept as well as text in paragraphs. Each block knows where it sits in the page
 * (its element path) and how much of it is link text, which is what tells navigation from content across a site.
 */
final class HtmlBlocks implements NodeFilter {

    enum Kind { HEADING, CODE, TEXT }

    /**
     * One block: {@code level} 1–6 for headings; {@code path} the chain of tags and classes from the content root to
     * the block's element; {@code linkShare} the share of its characters inside links.
     */
    record Block(Kind kind, int level, String text, String path, double linkShare) { }

    private static final Set<String> BLOCK_ELEMENTS = Set.of("address", "article", "aside", "blockquote", "caption",
            "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
            "header", "hr", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot",
            "th", "thead", "tr", "ul");

    private final Element root;
    private final List<Block> blocks = new ArrayList<>();
    private final Deque<Element> open = new ArrayDeque<>();
    private final StringBuilder pending = new StringBuilder();
    private int pendingLinkChars;
    private int linkDepth;

    private HtmlBlocks(Element root) {
        this.root = root;
    }

    /** The blocks of {@code root}'s content, in reading order. */
    static List<Block> of(Element root) {
        HtmlBlocks layout = new HtmlBlocks(root);
        layout.open.push(root);
        // Iterative traversal: a deeply nested page cannot overflow the stack.
        NodeTraversor.filter(layout, root);
        layout.flush();
        return layout.blocks;
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode text) {
            String s = text.text();
            pending.append(s);
            if (linkDepth > 0) pendingLinkChars += nonSpace(s);
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element element) || element == root) return FilterResult.CONTINUE;
        String name = element.normalName();
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            flush();
            add(Kind.HEADING, name.charAt(1) - '0', element.text(), element, linkShare(element));
            return FilterResult.SKIP_CHILDREN;
        }
        if (name.equals("pre")) {
            flush();
            add(Kind.CODE, 0, element.wholeText(), element, 0);
            return FilterResult.SKIP_CHILDREN;
        }
        if (name.equals("br")) {
            pending.append(' ');
        } else if (name.equals("a")) {
            linkDepth++;
        } else if (BLOCK_ELEMENTS.contains(name)) {
            flush();
            open.push(element);
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node instanceof Element element && element != root) {
            String name = element.normalName();
            if (name.equals("a")) {
                linkDepth--;
            } else if (BLOCK_ELEMENTS.contains(name)) {
                flush();
                open.pop();
            }
        }
        return FilterResult.CONTINUE;
    }

    private void flush() {
        String text = pending.toString().replaceAll("\\s+", " ").strip();
        if (!text.isEmpty()) {
            add(Kind.TEXT, 0, text, open.peek(), share(pendingLinkChars, nonSpace(text)));
        }
        pending.setLength(0);
        pendingLinkChars = 0;
    }

    private void add(Kind kind, int level, String text, Element element, double linkShare) {
        if (text.isBlank()) return;
        blocks.add(new Block(kind, level, text, path(element), linkShare));
    }

    private static double linkShare(Element element) {
        int linked = 0;
        for (Element link : element.select("a")) linked += nonSpace(link.text());
        return share(linked, nonSpace(element.text()));
    }

    private static double share(int linked, int all) {
        return all == 0 ? 0 : Math.min(1.0, linked / (double) all);
    }

    private static int nonSpace(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) n++;
        return n;
    }

    /** Tags and classes from the content root down, e.g. {@code div.navfooter>table>tbody>tr>td}; ids are left out. */
    private String path(Element element) {
        List<String> steps = new ArrayList<>();
        for (Element e = element; e != null && e != root; e = e.parent()) {
            StringBuilder step = new StringBuilder(e.normalName());
            e.classNames().stream().sorted().forEach(c -> step.append('.').append(c));
            steps.add(step.toString());
        }
        return String.join(">", steps.reversed());
    }
}
