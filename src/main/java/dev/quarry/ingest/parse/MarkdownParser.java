package dev.quarry.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.text.ParsedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser.Builder;

/**
 * Markdown parsed with commonmark and reduced to plain text block by block, so markup never reaches the index; YAML front
 * matter gives the title and tags.
 */
final class MarkdownParser implements Parser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final org.commonmark.parser.Parser markdown = new Builder().build();

    @Override
    public String type() {
        return "markdown";
    }

    @Override
    public ParsedDocument parse(Path file, byte[] content) {
        String source = TextDecoding.decode(content).replace("\r\n", "\n");
        FrontMatter front = FrontMatter.split(source);
        JsonNode meta = readYaml(front.yaml(), file);

        StructuredText out = new StructuredText();
        for (Node block = markdown.parse(front.body()).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading) {
                out.heading(heading.getLevel(), MarkdownText.of(heading));
            } else {
                out.block(MarkdownText.of(block));
            }
        }
        String title = meta.path("title").asText("");
        if (title.isBlank()) title = out.firstHeading() != null ? out.firstHeading() : Parsers.titleFromFileName(file);
        return new ParsedDocument(title, out.text(), out.sections(), tags(meta.path("tags")), type());
    }

    private static JsonNode readYaml(String yaml, Path file) {
        if (yaml.isBlank()) return YAML.createObjectNode();
        try {
            JsonNode node = YAML.readTree(yaml);
            return node != null && node.isObject() ? node : YAML.createObjectNode();
        } catch (Exception e) {
            throw new ParseException("front matter of " + file.getFileName() + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> tags(JsonNode node) {
        List<String> tags = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(t -> addTag(tags, t.asText()));
        } else if (node.isTextual()) {
            for (String t : node.asText().split(",")) addTag(tags, t);
        }
        return tags;
    }

    private static void addTag(List<String> tags, String tag) {
        String clean = tag.strip();
        if (!clean.isEmpty() && !tags.contains(clean)) tags.add(clean);
    }

    /** The YAML between leading {@code ---} lines, and the Markdown after it. */
    record FrontMatter(String yaml, String body) {
        static FrontMatter split(String source) {
            String s = source.startsWith("\uFEFF") ? source.substring(1) : source;
            if (!s.startsWith("---\n")) return new FrontMatter("", s);
            int end = s.indexOf("\n---", 3);
            if (end < 0) return new FrontMatter("", s);
            int bodyStart = s.indexOf('\n', end + 4);
            return new FrontMatter(s.substring(4, end), bodyStart < 0 ? "" : s.substring(bodyStart + 1));
        }
    }
}
