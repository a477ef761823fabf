package dev.quarry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.testing.AdjustedRand;
import dev.quarry.testing.Backend;
import dev.quarry.testing.Folders;
import dev.quarry.testing.SharedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Clusters of the sample corpus, with the real model and each backend, against its topics (sample-corpus/topics.tsv). */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ClusterIT {

    private static final String COLLECTION = "cluster-it";
    private static final String DUPLICATES = "duplicates-it";

    @Parameter
    Backend backend;

    private static Quarry quarry;
    private static Map<String, String> topics;

    @BeforeParameterizedClassInvocation
    static void ingest(Backend backend) throws Exception {
        Path data = Files.createTempDirectory("quarry-cluster-it");
        quarry = Quarry.open(ConfigLoader.load(backend.env(data, COLLECTION, "")), Map.of(), SharedModel::of);
        quarry.defaultCollection().ingest(Folders.sampleCorpus(), null, IngestProgress.NONE, () -> false);
        topics = new HashMap<>();
        List<String> lines = Files.readAllLines(Folders.sampleCorpus().resolve("topics.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            topics.put(cols[0], cols[1]);
        }
    }

    @AfterParameterizedClassInvocation
    static void close(Backend backend) {
        quarry.close();
        backend.delete(COLLECTION, DUPLICATES);
    }

    private static double ari(ClusterReport report) {
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (ClusterReport.Cluster c : report.clusters()) {
            for (ClusterReport.Member m : c.members()) {
                truth.add(topics.get(m.docId()));
                predicted.add(Integer.toString(c.id()));
            }
        }
        return AdjustedRand.of(truth, predicted);
    }

    @Test
    void clusters_recover_the_sample_topics() {
        long topicCount = topics.values().stream().distinct().count();
        ClusterReport report = new Clusterer(quarry.defaultCollection().index())
                .cluster(new ClusterSettings(ClusterSettings.Level.DOCUMENT, (int) topicCount, 2, 20, 42));
        double ari = ari(report);
        System.out.printf("Sample corpus: %d topics, adjusted Rand index at k=%d: %.3f%n", topicCount, report.k(), ari);
        report.clusters().forEach(c -> System.out.printf("  cluster %d (%d): %s %s%n", c.id(), c.size(), c.label(),
                c.members().stream().map(ClusterReport.Member::id).toList()));

        assertThat(ari).isGreaterThanOrEqualTo(0.8);
        assertThat(report.clusters()).allSatisfy(c -> {
            assertThat(c.terms()).isNotEmpty();
            assertThat(c.representatives()).isNotEmpty();
            assertThat(c.cohesion()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void automatic_k_finds_the_number_of_topics_within_one() {
        long topicCount = topics.values().stream().distinct().count();
        ClusterReport report = new Clusterer(quarry.defaultCollection().index()).cluster(ClusterSettings.auto(ClusterSettings.Level.DOCUMENT, 42));
        System.out.printf("Sample corpus: automatic k = %d (silhouette %.3f), %d topics; ARI %.3f%n", report.k(),
                report.silhouette(), topicCount, ari(report));

        assertThat(report.k()).isBetween((int) topicCount - 1, (int) topicCount + 1);
    }

    @Test
    void a_copied_document_is_found_as_a_near_duplicate() throws Exception {
        Path data = Files.createTempDirectory("quarry-dup-it");
        Path docs = Files.createTempDirectory("quarry-dup-docs");
        Folders.copyTree(Folders.sampleCorpus().resolve("cooking"), docs.resolve("cooking"));
        Files.copy(docs.resolve("cooking/braising.md"), docs.resolve("cooking/braising-copy.md"));
        try (Quarry q = Quarry.open(ConfigLoader.load(backend.env(data, DUPLICATES, "")), Map.of(), SharedModel::of)) {
            q.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            List<NearDuplicates.Group> groups = new NearDuplicates(q.defaultCollection().index()).find(NearDuplicates.DEFAULT_THRESHOLD);
            assertThat(groups).singleElement().satisfies(g -> assertThat(g.members()).extracting(NearDuplicates.Member::docId)
                    .containsExactly("cooking/braising-copy.md", "cooking/braising.md"));
        }
    }
}
