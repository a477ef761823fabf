package dev.quarry.ingest.parse;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * The words a reader sees in a Markdown block: link and emphasis text without markup or URLs, list items on lines
 * of their own, code as written, raw HTML left out.
 */
final class MarkdownText extends AbstractVisitor {

    private final StringBuilder out = new StringBuilder();

    static String of(Node block) {
        MarkdownText visitor = new MarkdownText();
        block.accept(visitor);
        return visitor.out.toString().strip();
    }

    @Override
    public void visit(Text text) {
        out.append(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
        out.append(code.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
        out.append(' ');
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
        out.append('\n');
    }

    @Override
    public void visit(Paragraph paragraph) {
        newLine();
        visitChildren(paragraph);
    }

    @Override
    public void visit(ListItem item) {
        newLine();
        out.append("- ");
        int mark = out.length();
        visitChildren(item);
        // A list item's first paragraph stays on the bullet's line.
        if (out.length() > mark && out.charAt(mark) == '\n') out.deleteCharAt(mark);
    }

    @Override
    public void visit(FencedCodeBlock code) {
        newLine();
        out.append(code.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock code) {
        newLine();
        out.append(code.getLiteral());
    }

    @Override
    public void visit(HtmlBlock html) {
        // Raw HTML is markup, not prose.
    }

    @Override
    public void visit(HtmlInline html) {
        // Raw HTML is markup, not prose.
    }

    private void newLine() {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }
}
