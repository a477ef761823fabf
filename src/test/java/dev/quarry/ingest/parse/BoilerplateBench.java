package dev.quarry.ingest.parse;

import dev.quarry.chunk.Chunk;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.chunk.Chunker;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.text.ParsedDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.dankito.readability4j.Readability4J;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * How much boilerplate reaches the index, and how much of the main text survives, on real generated manuals, for
 * three ways of finding the main text: the page's {@code main}/{@code article} element alone, Mozilla's Readability
 * (Readability4J), and that element without what the site repeats ({@link SiteProfile}, what Quarry does).
 * <p>
 * Each site's main text is given by a CSS selector per generator, checked by hand on a few pages of each: a chunk is
 * boilerplate when fewer than half of its words are main text of its page; "kept" is the share of main-text words
 * (counted with repeats) found in the extracted text. Run by {@code scripts/bench-realdocs}.
 */
public final class BoilerplateBench {

    /** A generated site: its pages, and where its main text is (minus what {@code drop} selects inside it). */
    record Site(String generator, Path dir, List<Path> pages, String main, String drop) { }

    private static int readabilityFailures;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    public static void main(String[] args) throws Exception {
        Path postgresPages = Path.of(args.length > 0 ? args[0] : "scripts/realdocs/postgresql-15-pages.txt");
        List<Site> sites = List.of(
                new Site("DocBook (postgresql-doc-15)", Path.of("/usr/share/doc/postgresql-doc-15/html"),
                        RealDocsPages.read(postgresPages), "body", "div.navheader, div.navfooter, div.toc"),
                new Site("Sphinx (python3.11-doc)", Path.of("/usr/share/doc/python3.11/html"),
                        under(Path.of("/usr/share/doc/python3.11/html"), "library", "tutorial", "howto", "reference"),
                        "div.body", "a.headerlink, div.toctree-wrapper"),
                new Site("Javadoc (libcommons-lang3-java-doc)", Path.of("/usr/share/doc/libcommons-lang3-java/api"),
                        under(Path.of("/usr/share/doc/libcommons-lang3-java/api"), "org").stream()
                                .filter(p -> !p.toString().contains("/class-use/")).toList(),
                        "main", "div.sub-title, div.inherited-list, div.table-tabs"));
        try (OnnxEmbedder embedder = new OnnxEmbedder(BundledModels.find(BundledModels.DEFAULT).orElseThrow(), 32, 1)) {
            Chunker chunker = new Chunker(embedder.tokenizer(), ChunkSettings.DEFAULT);
            System.out.printf("%-36s %-18s %6s %7s %10s %9s%n", "generator", "method", "pages", "chunks", "boilerpl.", "kept");
            for (Site site : sites) {
                if (site.pages().isEmpty()) {
                    System.out.printf("%-36s not installed (%s)%n", site.generator(), site.dir());
                    continue;
                }
                Parsers learned = new Parsers().forSite(site.pages(), Long.MAX_VALUE);
                Parsers plain = new Parsers();
                measure(site, "main element", chunker, (page) -> parse(plain, page));
                readabilityFailures = 0;
                measure(site, "Readability4J", chunker, BoilerplateBench::readability);
                if (readabilityFailures > 0) {
                    System.out.printf("    (Readability4J failed on %d pages)%n", readabilityFailures);
                }
                measure(site, "repeated blocks", chunker, (page) -> parse(learned, page));
            }
        }
    }

    private static void measure(Site site, String method, Chunker chunker, Function<Path, ParsedDocument> extract)
            throws Exception {
        int chunks = 0;
        int boilerplate = 0;
        long mainWords = 0;
        long kept = 0;
        List<String> examples = new ArrayList<>();
        for (Path page : site.pages()) {
            Map<String, Integer> main = counts(words(mainText(site, page)));
            mainWords += main.values().stream().mapToLong(Integer::intValue).sum();
            ParsedDocument doc = extract.apply(page);
            kept += overlap(new HashMap<>(main), words(doc.text()));
            Map<String, Integer> left = new HashMap<>(main);
            for (Chunk chunk : chunker.chunk(doc)) {
                chunks++;
                List<String> words = words(chunk.text());
                if (overlap(left, words) * 2 < words.size()) {
                    boilerplate++;
                    if (examples.size() < 3) examples.add(site.dir().relativize(page) + ": " + abbreviate(chunk.text()));
                }
            }
        }
        System.out.printf("%-36s %-18s %6d %7d %10.3f %9.3f%n", site.generator(), method, site.pages().size(), chunks,
                boilerplate / (double) chunks, kept / (double) mainWords);
        for (String example : examples) System.out.println("    e.g. " + example);
    }

    private static ParsedDocument parse(Parsers parsers, Path page) {
        try {
            return parsers.forFile(page).orElseThrow().parse(page, Files.readAllBytes(page));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ParsedDocument readability(Path page) {
        try {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            Element content;
            try {
                content = new Readability4J(page.toUri().toString(), html).parse().getArticleContent();
            } catch (RuntimeException e) {
                // Counted as a page whose text is lost, which is what a user would get.
                readabilityFailures++;
                content = null;
            }
            List<HtmlBlocks.Block> blocks = content == null ? List.of() : HtmlBlocks.of(content);
            return HtmlParser.document(blocks, SiteProfile.NONE, "", page);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The page's main text as the site's selectors give it, laid out in blocks as Quarry lays out pages. */
    private static String mainText(Site site, Path page) throws Exception {
        Document doc = HtmlParser.read(Files.readAllBytes(page));
        doc.select("script, style, a.headerlink").remove();
        StringBuilder text = new StringBuilder();
        for (Element main : doc.select(site.main())) {
            main.select(site.drop()).remove();
            for (HtmlBlocks.Block block : HtmlBlocks.of(main)) text.append(block.text()).append('\n');
        }
        return text.toString();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) words.add(m.group());
        return words;
    }

    private static Map<String, Integer> counts(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : words) counts.merge(w, 1, Integer::sum);
        return counts;
    }

    /** How many of {@code words} are still in {@code pool}, taking each one out as it is found. */
    private static long overlap(Map<String, Integer> pool, List<String> words) {
        long found = 0;
        for (String w : words) {
            Integer n = pool.get(w);
            if (n != null && n > 0) {
                pool.put(w, n - 1);
                found++;
            }
        }
        return found;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 110 ? flat : flat.substring(0, 110) + "…";
    }

    private static List<Path> under(Path dir, String... subfolders) throws Exception {
        List<Path> pages = new ArrayList<>();
        if (!Files.isDirectory(dir)) return pages;
        for (String sub : subfolders) {
            Path folder = dir.resolve(sub);
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".html")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }
}
