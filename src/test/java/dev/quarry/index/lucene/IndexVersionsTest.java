package dev.quarry.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.util.Version;
import org.junit.jupiter.api.Test;

class IndexVersionsTest {

    @Test
    void the_declared_oldest_readable_major_is_the_one_lucene_reads() {
        assertThat(IndexVersions.OLDEST_READABLE_MAJOR)
                .as("Lucene now reads another oldest major: update IndexVersions.OLDEST_READABLE_MAJOR, the solr-cluster"
                        + " build that writes the old index UpgradeIndexIT opens (it must run that major), and the README")
                .isEqualTo(Version.MIN_SUPPORTED_MAJOR);
        assertThat(IndexVersions.LUCENE).as("the Lucene quarry --version names").isEqualTo(IndexVersions.WRITES.toString());
    }

    @Test
    void segments_of_the_previous_major_are_older_and_described_with_their_range() {
        IndexVersions mixed = new IndexVersions(9, Version.LUCENE_9_12_3, Version.LATEST, Version.LUCENE_9_12_3);

        assertThat(mixed.olderSegments()).isTrue();
        assertThat(mixed.describe()).isEqualTo("first written by Lucene 9.x, segments of Lucene 9.12.3 to " + Version.LATEST);
    }

    @Test
    void upgraded_segments_still_show_the_older_lucene_they_derive_from() {
        IndexVersions upgraded = new IndexVersions(9, Version.LATEST, Version.LATEST, Version.LUCENE_9_12_3);

        assertThat(upgraded.olderSegments()).isFalse();
        assertThat(upgraded.describe()).isEqualTo("first written by Lucene 9.x, segments of Lucene " + Version.LATEST
                + ", derived from Lucene 9.12.3");
    }

    @Test
    void an_index_of_this_major_or_without_segments_has_no_older_segments() {
        assertThat(new IndexVersions(Version.LATEST.major, Version.LATEST, Version.LATEST, Version.LATEST).olderSegments()).isFalse();
        assertThat(new IndexVersions(Version.LATEST.major, null, null, null).describe())
                .isEqualTo("first written by Lucene " + Version.LATEST.major + ".x, no segments");
    }
}
