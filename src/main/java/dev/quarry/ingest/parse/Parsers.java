package dev.quarry.ingest.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the parser for a file by its extension. */
public final class Parsers {

    private static final Logger log = LoggerFactory.getLogger(Parsers.class);
    private static final Set<String> HTML = Set.of("html", "htm");
    /** Pages read to learn a site: enough to see what repeats, few enough that a large site is learned in seconds. */
    static final int SITE_SAMPLE = 300;

    /** The standard parsers, to answer which type a name means: that needs no site. */
    private static final Parsers STANDARD = new Parsers();

    private final Map<String, Parser> byExtension;

    public Parsers() {
        this(() -> SiteProfile.NONE);
    }

    private Parsers(Supplier<SiteProfile> site) {
        Parser markdown = new MarkdownParser();
        Parser text = new TextParser();
        Parser html = new HtmlParser(site);
        Parser pdf = new PdfParser();
        Parser docx = new DocxParser();
        byExtension = Map.of("md", markdown, "markdown", markdown, "txt", text, "text", text,
                "html", html, "htm", html, "pdf", pdf, "docx", docx);
    }

    /**
     * Parsers that know what the HTML pages among {@code files} repeat (navigation, sidebars, footers), learned from
     * up to {@value #SITE_SAMPLE} of them spread evenly over the list when the first HTML page is parsed, so a run
     * that changes only other files reads none; files larger than {@code maxFileBytes} or unreadable are passed over.
     */
    public Parsers forSite(List<Path> files, long maxFileBytes) {
        List<Path> pages = files.stream().filter(f -> HTML.contains(extension(f))).toList();
        if (pages.size() < SiteProfile.MIN_PAGES) return this;
        return new Parsers(once(() -> learn(pages, maxFileBytes)));
    }

    private static SiteProfile learn(List<Path> pages, long maxFileBytes) {
        SiteProfile.Learner learner = new SiteProfile.Learner();
        int step = Math.max(1, pages.size() / SITE_SAMPLE);
        for (int i = 0; i < pages.size(); i += step) {
            Path page = pages.get(i);
            try {
                if (Files.size(page) > maxFileBytes) continue;
                learner.add(HtmlParser.blocks(HtmlParser.read(Files.readAllBytes(page))));
            } catch (IOException | UncheckedIOException | ParseException e) {
                log.debug("Not learning from {}: {}", page, e.getMessage());
            }
        }
        SiteProfile site = learner.build();
        log.info("Learned what {} HTML pages repeat: {} kinds of block are boilerplate", pages.size(), site.boilerplatePaths());
        return site;
    }

    /** {@code learn}, run on the first call only, by whichever thread asks first. */
    private static Supplier<SiteProfile> once(Supplier<SiteProfile> learn) {
        return new Supplier<>() {
            private SiteProfile site;

            @Override
            public synchronized SiteProfile get() {
                if (site == null) site = learn.get();
                return site;
            }
        };
    }

    public Optional<Parser> forFile(Path file) {
        return Optional.ofNullable(byExtension.get(extension(file)));
    }

    public Set<String> extensions() {
        return byExtension.keySet();
    }

    /**
     * The type the index records for the documents a user names as they would write it: an extension or a type, in
     * any case, with or without a dot ({@code md}, {@code .MD}, {@code markdown}, {@code htm}, {@code txt}); empty for
     * a name no parser reads. The one place where the names users write meet the stored {@link Parser#type()}, so a
     * search filter on {@code md} finds Markdown instead of nothing.
     */
    public static Optional<String> type(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.startsWith(".")) key = key.substring(1);
        Parser parser = STANDARD.byExtension.get(key);
        if (parser != null) return Optional.of(parser.type());
        String stored = key;
        return STANDARD.byExtension.values().stream().map(Parser::type).filter(stored::equals).findFirst();
    }

    /** Every name {@link #type(String)} knows, sorted: the extensions and the stored types. */
    public static SortedSet<String> typeNames() {
        SortedSet<String> names = new TreeSet<>(STANDARD.byExtension.keySet());
        STANDARD.byExtension.values().forEach(p -> names.add(p.type()));
        return names;
    }

    /** A file's extension in lower case, without the dot; empty when it has none. */
    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A file name without its extension, with separators as spaces: the title of last resort. */
    static String titleFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ').strip();
    }
}
