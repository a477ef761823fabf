package dev.quarry.ingest.parse;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The pages a realdocs list names: one shell glob per line, relative to the manual's HTML folder ({@code #} starts a
 * comment), as in {@code scripts/realdocs/postgresql-15-pages.txt} or, with subfolders, {@code python-3.11-pages.txt}.
 */
public final class RealDocsPages {

    public static final Path POSTGRES_HTML = Path.of("/usr/share/doc/postgresql-doc-15/html");

    private RealDocsPages() {
    }

    /** The pages of {@link #POSTGRES_HTML} the list names, sorted; none when the manual is not installed. */
    public static List<Path> read(Path list) throws IOException {
        return read(POSTGRES_HTML, list);
    }

    /** The pages under {@code html} the list names (globs match the path relative to it), sorted; none when absent. */
    public static List<Path> read(Path html, Path list) throws IOException {
        if (!Files.isDirectory(html)) return List.of();
        List<PathMatcher> globs = Files.readAllLines(list).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        TreeSet<Path> pages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(html)) {
            files.filter(f -> globs.stream().anyMatch(g -> g.matches(html.relativize(f)))).forEach(pages::add);
        }
        return List.copyOf(pages);
    }
}
