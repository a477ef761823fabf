package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteProfileTest {

    private static final Path HANDBOOK = Folders.sampleCorpus().resolve("software-ops/ops-handbook");

    private static List<Path> handbookPages() throws IOException {
        try (Stream<Path> files = Files.list(HANDBOOK)) {
            return files.sorted().toList();
        }
    }

    private static ParsedDocument parse(Parsers parsers, Path page) throws IOException {
        return parsers.forFile(page).orElseThrow().parse(page, Files.readAllBytes(page));
    }

    @Test
    void what_a_site_repeats_around_its_pages_is_left_out_and_each_page_keeps_its_own_text() throws IOException {
        List<Path> pages = handbookPages();
        Parsers site = new Parsers().forSite(pages, Long.MAX_VALUE);

        ParsedDocument disk = parse(site, HANDBOOK.resolve("disk-space-alerts.html"));

        assertThat(disk.text()).startsWith("Responding to disk space alerts")
                .contains("Never delete a log file that a process still holds open", "the database team must be paged")
                .doesNotContain("Ops Handbook", "version 4.2", "Runbooks", "On this page", "Rotating TLS certificates",
                        "Previous:", "Next:", "Home", "Copyright 2025", "static site generator");
        assertThat(disk.sections()).extracting(ParsedDocument.Section::headingPath).containsExactly(
                "Responding to disk space alerts", "Responding to disk space alerts > Find what is growing",
                "Responding to disk space alerts > Free space safely");
    }

    @Test
    void pages_that_are_not_part_of_the_site_keep_all_their_text() throws IOException {
        List<Path> html;
        try (Stream<Path> files = Files.walk(Folders.sampleCorpus())) {
            html = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
        Parsers learned = new Parsers().forSite(html, Long.MAX_VALUE);
        Parsers alone = new Parsers();

        List<Path> others = html.stream().filter(p -> !p.startsWith(HANDBOOK)).toList();
        assertThat(others).hasSizeGreaterThanOrEqualTo(5);
        for (Path page : others) {
            assertThat(parse(learned, page).text()).as(page.toString()).isEqualTo(parse(alone, page).text());
        }
        assertThat(parse(learned, HANDBOOK.resolve("on-call-handover.html")).text()).doesNotContain("Ops Handbook");
    }

    @Test
    void one_page_alone_shows_nothing_repeated_so_nothing_is_taken_from_it() throws IOException {
        Path page = HANDBOOK.resolve("disk-space-alerts.html");

        ParsedDocument alone = parse(new Parsers().forSite(List.of(page), Long.MAX_VALUE), page);

        assertThat(alone.text()).contains("Ops Handbook", "Copyright 2025", "Never delete a log file");
    }

    @Test
    void labels_repeated_inside_the_content_stay_while_the_repeated_footer_goes(@TempDir Path site) throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma", "delta")) {
            pages.add(Folders.write(site, name + ".html", """
                    <html><body><div class="content"><h1>%1$s()</h1>
                    <p>Computes the %1$s of a number in constant time.</p>
                    <dl><dt>Parameters:</dt><dd>x - the number the %1$s is taken of</dd>
                    <dt>Returns:</dt><dd>the %1$s of x, never negative</dd></dl>
                    <div class="note"><p class="title">Note</p><p>%1$s is thread-safe.</p></div></div>
                    <div class="copyright"><p>Copyright 2025 Example Corp. All rights reserved.</p></div></body></html>
                    """.formatted(name)));
        }
        Parsers parsers = new Parsers().forSite(pages, Long.MAX_VALUE);

        ParsedDocument beta = parse(parsers, site.resolve("beta.html"));

        assertThat(beta.text()).contains("Parameters:", "Returns:", "Note", "beta is thread-safe")
                .doesNotContain("Copyright");
    }

    @Test
    void a_navigation_bar_goes_although_its_neighbour_titles_differ_from_page_to_page(@TempDir Path site)
            throws IOException {
        List<String> titles = List.of("Installing", "Configuring", "Backing up", "Restoring", "Upgrading");
        List<Path> pages = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            String prev = i > 0 ? titles.get(i - 1) : "";
            String next = i + 1 < titles.size() ? titles.get(i + 1) : "";
            pages.add(Files.writeString(site.resolve("p" + i + ".html"), """
                    <html><body><div class="navheader"><table><tr><td><a href="#">Prev</a></td>
                    <td><a href="#">%2$s</a></td><td><a href="#">Home</a></td><td><a href="#">%3$s</a></td>
                    <td><a href="#">Next</a></td></tr></table></div>
                    <div class="sect1"><h2>%1$s</h2><p>How %1$s works, step %4$d of the guide.</p></div>
                    </body></html>
                    """.formatted(titles.get(i), prev, next, i), StandardCharsets.UTF_8));
        }

        ParsedDocument third = parse(new Parsers().forSite(pages, Long.MAX_VALUE), site.resolve("p2.html"));

        assertThat(third.text()).isEqualTo("Backing up\n\nHow Backing up works, step 2 of the guide.");
    }
}
