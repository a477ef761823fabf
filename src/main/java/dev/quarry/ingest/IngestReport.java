package dev.quarry.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one ingest run did. {@code findings}: personal data and secrets found in the files read, by type label
 * ({@code email}, {@code card}), whatever the safety policy then did with them.
 */
public record IngestReport(String root, int filesSeen, int added, int updated, int unchanged, int deleted,
                           int chunksEmbedded, List<SkippedFile> skipped, double seconds, Map<String, Integer> findings) {

    public IngestReport {
        skipped = List.copyOf(skipped);
        findings = java.util.Collections.unmodifiableMap(new TreeMap<>(findings));
    }

    public double chunksPerSecond() {
        return seconds <= 0 ? 0 : chunksEmbedded / seconds;
    }

    public String summary() {
        return String.format("%d files: %d added, %d updated, %d unchanged, %d deleted, %d skipped; %d chunks embedded"
                        + " in %.1f s (%.1f chunks/s)", filesSeen, added, updated, unchanged, deleted, skipped.size(),
                chunksEmbedded, seconds, chunksPerSecond()) + (findings.isEmpty() ? "" : "; found " + findings);
    }
}
