package dev.quarry.cluster;

import java.util.List;

/**
 * Groups of similar documents (or chunks): how k was chosen, and per cluster its label, representative members,
 * cohesion (mean similarity of members to the centroid) and every member with its 2-D map position.
 */
public record ClusterReport(String level, int k, String kSelection, Double silhouette, long seed, List<Cluster> clusters) {

    public record Cluster(int id, int size, String label, List<String> terms, List<String> representatives,
                         double cohesion, List<Member> members) {
    }

    /** {@code id} is the document id, or the chunk id at chunk level. */
    public record Member(String id, String docId, String path, String title, double similarity, float x, float y) {
    }
}
