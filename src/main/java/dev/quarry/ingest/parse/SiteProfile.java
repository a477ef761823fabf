package dev.quarry.ingest.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the pages of one site repeat: navigation bars, breadcrumbs, sidebars, tables of contents, "previous/next"
 * links, headers and footers. Learned from a folder's HTML pages before they are parsed, it drops from a page
 * <ul>
 *   <li><b>navigation</b>: blocks that are mostly links and either repeat on several pages (a breadcrumb, a "Home"
 *       link) or sit where, across the site, blocks mostly repeat (a navigation bar, whose neighbour-page titles
 *       differ from page to page) or are nearly always links (a local table of contents);</li>
 *   <li><b>page template</b>: plain text where, across the site, blocks nearly always repeat and either sit at the
 *       top or the bottom of their page (a header line, a copyright footer) or share their container only with
 *       navigation (a sidebar's "On this page"). Repeated text inside the content, such as "Parameters:" or "Note",
 *       is a label the text around it needs, and stays.</li>
 * </ul>
 * A heading counts as repeated only when other pages have the same heading, not when they merely link to it.
 */
final class SiteProfile {

    static final SiteProfile NONE = new SiteProfile(Set.of(), Set.of());

    /** Text on this many pages repeats; fewer pages than this teach nothing. */
    static final int MIN_PAGES = 3;
    private static final double NEARLY_ALL = 0.9;
    private static final double MOSTLY = 0.5;
    /** "Home" or a breadcrumb, not "Availability: Unix" with its first word linked. */
    private static final double MOSTLY_LINKS = 0.8;
    /** How far from the top or bottom of its page, as a share of the page's blocks, a header or footer sits. */
    private static final double EDGE = 0.1;

    private final Set<Long> repeatedLinks;
    private final Set<String> boilerplatePaths;

    private SiteProfile(Set<Long> repeatedLinks, Set<String> boilerplatePaths) {
        this.repeatedLinks = repeatedLinks;
        this.boilerplatePaths = boilerplatePaths;
    }

    int boilerplatePaths() {
        return boilerplatePaths.size();
    }

    boolean isBoilerplate(HtmlBlocks.Block block) {
        return boilerplatePaths.contains(block.path())
                || (block.linkShare() >= MOSTLY_LINKS && repeatedLinks.contains(key(block)));
    }

    private static long key(HtmlBlocks.Block block) {
        String text = block.text().toLowerCase(Locale.ROOT);
        long hash = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) hash = 31 * hash + text.charAt(i);
        return block.kind() == HtmlBlocks.Kind.HEADING ? ~hash : hash;
    }

    /** Counts, page by page, which texts and element paths repeat. */
    static final class Learner {
        private final Map<Long, Integer> pagesWithText = new HashMap<>();
        private final Map<String, PathStats> paths = new HashMap<>();
        private final Set<Long> linkTexts = new HashSet<>();
        private int pages;

        void add(List<HtmlBlocks.Block> page) {
            pages++;
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < page.size(); i++) {
                HtmlBlocks.Block block = page.get(i);
                long key = key(block);
                if (seen.add(key)) pagesWithText.merge(key, 1, Integer::sum);
                if (block.linkShare() >= MOSTLY_LINKS) linkTexts.add(key);
                double edgeDistance = Math.min(i, page.size() - 1 - i) / (double) page.size();
                paths.computeIfAbsent(block.path(), p -> new PathStats()).add(pages, key, block.linkShare(), edgeDistance);
            }
        }

        SiteProfile build() {
            if (pages < MIN_PAGES) return NONE;
            Set<Long> repeated = new HashSet<>();
            pagesWithText.forEach((key, count) -> {
                if (count >= MIN_PAGES) repeated.add(key);
            });
            Set<String> boilerplate = new HashSet<>();
            Set<String> alwaysRepeated = new HashSet<>();
            paths.forEach((path, stats) -> {
                if (stats.pages < MIN_PAGES) return;
                int n = stats.keys.size();
                double repeatedShare = stats.keys.stream().filter(repeated::contains).count() / (double) n;
                double linkShare = stats.linkShareSum / n;
                boolean navigation = linkShare >= NEARLY_ALL || (linkShare >= MOSTLY && repeatedShare >= MOSTLY);
                boolean template = repeatedShare >= NEARLY_ALL && stats.edgeDistanceSum / n <= EDGE;
                if (navigation || template) {
                    boilerplate.add(path);
                } else if (repeatedShare >= NEARLY_ALL) {
                    alwaysRepeated.add(path);
                }
            });
            // A sidebar's own titles ("On this page") repeat as plain text beside its links: boilerplate too.
            for (String path : alwaysRepeated) {
                int cut = path.lastIndexOf('>');
                if (cut < 0) continue;
                String container = path.substring(0, cut + 1);
                List<String> neighbours = paths.keySet().stream()
                        .filter(other -> other.startsWith(container) && !other.equals(path)).toList();
                if (!neighbours.isEmpty() && boilerplate.containsAll(neighbours)) boilerplate.add(path);
            }
            repeated.retainAll(linkTexts);
            return new SiteProfile(Set.copyOf(repeated), Set.copyOf(boilerplate));
        }
    }

    private static final class PathStats {
        final List<Long> keys = new ArrayList<>();
        double linkShareSum;
        double edgeDistanceSum;
        int pages;
        int lastPage;

        void add(int page, long key, double linkShare, double edgeDistance) {
            keys.add(key);
            linkShareSum += linkShare;
            edgeDistanceSum += edgeDistance;
            if (page != lastPage) {
                pages++;
                lastPage = page;
            }
        }
    }
}
