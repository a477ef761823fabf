package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.IndexLocation;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.testing.Folders;
import dev.quarry.testing.Lucene9Index;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes a Quarry of the previous Lucene major left behind are served, written to and upgraded in place; older ones
 * are refused with what to do. The old index is the one this Quarry ingests, written again by Lucene 9 in a JVM of
 * its own: the same chunks, vectors of the real model, manifest and sources.
 */
class UpgradeIndexIT {

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path docs;
    private static Map<String, String> userData;
    private static List<List<IndexedChunk>> documents;

    @BeforeAll
    static void ingestWithThisQuarry() {
        docs = Folders.write(shared.resolve("docs"), "bread.md", "# Sourdough\n\nFeed the starter flour and water every day.")
                .getParent();
        Folders.write(docs, "stars.txt", "Meteor showers\n\nThe Perseids peak in August; find a dark sky.");
        Folders.write(docs, "bikes.md", "# Bicycle repair\n\nPatch an inner tube: find the puncture, roughen it, glue a patch.");
        Path data = shared.resolve("data");
        Captured ingest = Captured.run(Map.of("QUARRY_DATA", data.toString()), "ingest", docs.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        Path index = new IndexLocation(data, "default").current();
        userData = userData(index);
        Map<String, List<IndexedChunk>> byDocument = new LinkedHashMap<>();
        try (LuceneChunkIndex read = LuceneChunkIndex.openReadOnly(index, IndexManifest.fromMap(userData))) {
            read.forEachChunk(c -> byDocument.computeIfAbsent(c.docId(), d -> new ArrayList<>()).add(c));
        }
        byDocument.values().forEach(chunks -> chunks.sort(Comparator.comparingInt(IndexedChunk::start)));
        documents = List.copyOf(byDocument.values());
    }

    @Test
    void an_index_of_lucene_9_is_searched_written_and_upgraded_in_place_keeping_its_manifest_and_sources() throws Exception {
        Path data = tmp.resolve("data");
        Path index = new IndexLocation(data, "default").current();
        Lucene9Index.write(index, userData, documents, null);
        Map<String, String> env = Map.of("QUARRY_DATA", data.toString());
        assertThat(segmentVersions(index)).containsOnly(Version.LUCENE_9_12_3);

        assertSearches(env);
        assertThat(Files.readString(data.resolve("logs/quarry.log")))
                .contains("holds segments of Lucene 9.12.3", "read through Lucene's backward codecs", "quarry upgrade-index");
        Captured check = Captured.run(env, "check");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("first written by Lucene 9.x, segments of Lucene 9.12.3;", "quarry upgrade-index");

        // Writing appends segments of this Lucene beside the old ones; the hashes read from the old ones skip what is unchanged.
        Folders.write(docs, "tea.md", "# Green tea\n\nSteep the leaves at 80 degrees for two minutes.");
        Captured ingest = Captured.run(env, "ingest", docs.toString());
        Files.delete(docs.resolve("tea.md"));
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("1 added, 0 updated, 3 unchanged, 0 deleted");
        assertThat(segmentVersions(index)).containsOnly(Version.LUCENE_9_12_3, Version.LATEST);
        Map<String, String> beforeUpgrade = userData(index);
        assertThat(beforeUpgrade).isEqualTo(userData);

        try (LuceneChunkIndex held = LuceneChunkIndex.open(index, IndexManifest.fromMap(userData))) {
            Captured refused = Captured.run(env, "upgrade-index");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("in use by another Quarry process");
        }
        Captured upgrade = Captured.run(env, "upgrade-index", "default");
        assertThat(upgrade.exit()).as(upgrade.err()).isZero();
        assertThat(upgrade.out()).contains("was first written by Lucene 9.x, segments of Lucene 9.12.3 to " + Version.LATEST,
                "now first written by Lucene 9.x, segments of Lucene " + Version.LATEST + ", derived from Lucene 9.12.3");
        assertThat(segmentVersions(index)).containsOnly(Version.LATEST);
        assertThat(userData(index)).isEqualTo(beforeUpgrade);
        assertSearches(env);
        Captured tea = Captured.run(env, "search", "how hot should the water be for tea", "-k", "1", "--mode", "vector");
        assertThat(tea.out()).contains("1. Green tea", "tea.md");
    }

    @Test
    void an_index_derived_from_lucene_8_is_refused_with_the_version_found_and_what_to_do() {
        Path data = tmp.resolve("data");
        Lucene9Index.write(new IndexLocation(data, "default").current(), userData, documents, "8.11.4");
        Map<String, String> env = Map.of("QUARRY_DATA", data.toString());

        for (String[] command : List.of(new String[] {"search", "sourdough"}, new String[] {"upgrade-index"},
                new String[] {"check"}, new String[] {"ingest", docs.toString()})) {
            Captured refused = Captured.run(env, command);
            assertThat(refused.exit()).as(command[0]).isEqualTo(1);
            assertThat(refused.err()).as(command[0]).contains("is too old for this Quarry", "reads indexes of Lucene 9 or later",
                    "quarry ingest --rebuild <folder>", "segments derived from Lucene version 8.x");
        }
    }

    /** The same answers as from the index this Quarry wrote: vectors and BM25 both read the old segments. */
    private static void assertSearches(Map<String, String> env) {
        Captured vector = Captured.run(env, "search", "when can I watch shooting stars", "-k", "1", "--mode", "vector");
        assertThat(vector.exit()).as(vector.err()).isZero();
        assertThat(vector.out()).contains("1. Meteor showers", "stars.txt");
        Captured keyword = Captured.run(env, "search", "puncture", "-k", "1", "--mode", "keyword");
        assertThat(keyword.exit()).as(keyword.err()).isZero();
        assertThat(keyword.out()).contains("1. Bicycle repair", "bikes.md");
    }

    private static Map<String, String> userData(Path index) {
        try (FSDirectory directory = FSDirectory.open(index)) {
            return SegmentInfos.readLatestCommit(directory).getUserData();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Version> segmentVersions(Path index) throws IOException {
        try (FSDirectory directory = FSDirectory.open(index)) {
            List<Version> versions = new ArrayList<>();
            for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) versions.add(segment.info.getVersion());
            return versions;
        }
    }
}
