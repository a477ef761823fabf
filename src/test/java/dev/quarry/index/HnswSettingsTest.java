package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HnswSettingsTest {

    @Test
    void aGraphOfUpToAHundredThousandNodesGetsTheConfiguredCandidates() {
        assertThat(HnswSettings.DEFAULT.candidatesFor(0)).isEqualTo(100);
        assertThat(HnswSettings.DEFAULT.candidatesFor(100_000)).isEqualTo(100);
        assertThat(new HnswSettings(16, 100, 40).candidatesFor(5_000)).isEqualTo(40);
    }

    @Test
    void largerGraphsGetMoreCandidatesThanTheyHaveNodesInProportion() {
        int half = HnswSettings.DEFAULT.candidatesFor(500_000);
        int million = HnswSettings.DEFAULT.candidatesFor(1_000_000);
        // Recall@10 at a million chunks reached 0.98 between 400 and 800 candidates.
        assertThat(million).isBetween(400, 800);
        assertThat(half).isGreaterThan(100).isLessThan(million);
        assertThat(HnswSettings.DEFAULT.candidatesFor(Integer.MAX_VALUE)).isPositive();
    }
}
