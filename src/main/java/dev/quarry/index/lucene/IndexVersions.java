package dev.quarry.index.lucene;

import dev.quarry.index.IndexException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Lucene versions wrote an index: the major that first created it, the oldest and newest versions among the
 * segments of its last commit, and the oldest version their content derives from (each null when there are no
 * segments). Segments keep the version that wrote them until they are merged or upgraded, so an index carried over
 * from Lucene 9 serves with Lucene 9 segments beside new ones. A merge or an upgrade writes segments in the current
 * format, but they still derive from the oldest version merged into them, and that is what the next Lucene major
 * refuses: only writing the chunks again makes an index younger than that.
 */
public record IndexVersions(int createdMajor, Version oldestSegment, Version newestSegment, Version derivedFrom) {

    private static final Logger log = LoggerFactory.getLogger(IndexVersions.class);

    /**
     * The oldest Lucene major whose indexes Quarry reads: Lucene reads an index when every segment derives from its own
     * major or the one before, the older one's segments through {@code lucene-backward-codecs}. Declared rather than
     * taken from Lucene, so a Lucene upgrade that moves it fails {@code IndexVersionsTest} and this promise, its test
     * index writer (the {@code solr-cluster} build, on that major) and the README are updated together.
     */
    public static final int OLDEST_READABLE_MAJOR = 9;
    /** What Quarry writes new segments with. */
    public static final Version WRITES = Version.LATEST;
    /** {@link #WRITES} as a constant, for {@code quarry --version}, which must not load Lucene; a test holds them equal. */
    public static final String LUCENE = "10.6.0";

    /** The versions of the last commit in {@code directory}; an index too old to read fails with what to do. */
    static IndexVersions read(Path dir, Directory directory) throws IOException {
        try {
            SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
            Version oldest = null;
            Version newest = null;
            Version derived = null;
            for (SegmentCommitInfo segment : commit) {
                Version v = segment.info.getVersion();
                oldest = oldest == null || !v.onOrAfter(oldest) ? v : oldest;
                newest = newest == null || v.onOrAfter(newest) ? v : newest;
                // Lucene reads only segments that record it (every one since Lucene 7), so it is never null here.
                Version min = segment.info.getMinVersion();
                derived = derived == null || !min.onOrAfter(derived) ? min : derived;
            }
            return new IndexVersions(commit.getIndexCreatedVersionMajor(), oldest, newest, derived);
        } catch (IndexFormatTooOldException e) {
            throw tooOld(dir, e);
        }
    }

    /**
     * The failure for an index Lucene refuses as too old, with the version found and what to do. A segment records the
     * oldest Lucene its content came from through every merge, so no upgrade, Lucene 9's included, makes it readable:
     * only writing the chunks again does.
     */
    private static IndexException tooOld(Path dir, IndexFormatTooOldException e) {
        String found = e.getReason() != null ? e.getReason()
                : "its format version " + e.getVersion() + " is below the oldest one Lucene reads, " + e.getMinVersion();
        return new IndexException("the index at " + dir + " is too old for this Quarry, which runs Lucene " + WRITES
                + " and reads indexes of Lucene " + OLDEST_READABLE_MAJOR + " or later. No upgrade makes it readable,"
                + " since segments keep the oldest version they derive from: rebuild it from its sources with"
                + " `quarry ingest --rebuild <folder>`, or keep serving it with the Quarry that wrote it. Lucene says: "
                + found, e);
    }

    /** Some segments were written by an older Lucene major: they are read through the backward codecs. */
    public boolean olderSegments() {
        return oldestSegment != null && oldestSegment.major < WRITES.major;
    }

    /** Logs that {@code dir} is served partly through the backward codecs, and how to stop that. */
    void noteOlderSegments(Path dir) {
        if (olderSegments()) {
            log.info("The index at {} holds segments of Lucene {} (Quarry writes {}); they are read through Lucene's backward"
                    + " codecs until merged. `quarry upgrade-index` rewrites them while no server runs", dir, oldestSegment, WRITES);
        }
    }

    /** As {@code quarry check} prints it. */
    public String describe() {
        String segments = oldestSegment == null ? "no segments"
                : oldestSegment.equals(newestSegment) ? "segments of Lucene " + oldestSegment
                : "segments of Lucene " + oldestSegment + " to " + newestSegment;
        String derived = derivedFrom == null || derivedFrom.equals(oldestSegment) ? "" : ", derived from Lucene " + derivedFrom;
        return "first written by Lucene " + createdMajor + ".x, " + segments + derived;
    }
}
