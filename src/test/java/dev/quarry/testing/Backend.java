package dev.quarry.testing;

import dev.quarry.index.solr.SolrChunkIndex;
import dev.quarry.index.solr.SolrSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The index backends integration tests run against: Lucene in the data folder, and the test JVM's SolrCloud of two
 * nodes ({@link SolrTestCluster#shared}) with two shards of two replicas. Each test class names its own
 * collections, as every class of a test JVM shares the cluster.
 */
public enum Backend {
    LUCENE, SOLR;

    /** quarry.yaml lines that make {@code collection} the default collection and put it and {@code others} on this backend. */
    public String yaml(String collection, String... others) {
        StringBuilder yaml = new StringBuilder("collection: " + collection + "\n");
        if (this == SOLR) {
            yaml.append("collections:\n");
            for (String name : names(collection, others)) {
                yaml.append("  - name: ").append(name).append("\n    backend: solr\n    solr: {urls: '")
                        .append(String.join(", ", settings().urls())).append("', shards: 2, replicas: 2}\n");
            }
        }
        return yaml.toString();
    }

    /**
     * The environment of a Quarry whose data folder is {@code dir/data} and whose default collection, {@code
     * collection}, is on this backend; {@code more} is added to its quarry.yaml, written in {@code dir}.
     */
    public Map<String, String> env(Path dir, String collection, String more) {
        Path config = Folders.write(dir, "quarry.yaml", yaml(collection) + more);
        return Map.of("QUARRY_CONFIG", config.toString(), "QUARRY_DATA", dir.resolve("data").toString());
    }

    /**
     * Deletes the Solr collections of {@code collections}: the cluster's small heap holds only a few at a time (four
     * cores each).
     */
    public void delete(String... collections) {
        if (this != SOLR) return;
        for (String name : collections) SolrChunkIndex.deleteCollection(settings(), name);
    }

    public static SolrSettings settings() {
        return new SolrSettings(SolrTestCluster.shared().urls(), 2, 2);
    }

    private static List<String> names(String first, String... others) {
        return Stream.concat(Stream.of(first), Arrays.stream(others)).toList();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
