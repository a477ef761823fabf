package dev.quarry.ingest;

import java.util.List;

/** What one ingest run did. */
public record IngestReport(String root, int filesSeen, int added, int updated, int unchanged, int deleted,
                           int chunksEmbedded, List<SkippedFile> skipped, double seconds) {

    public IngestReport {
        skipped = List.copyOf(skipped);
    }

    public double chunksPerSecond() {
        return seconds <= 0 ? 0 : chunksEmbedded / seconds;
    }

    public String summary() {
        return String.format("%d files: %d added, %d updated, %d unchanged, %d deleted, %d skipped; %d chunks embedded"
                        + " in %.1f s (%.1f chunks/s)", filesSeen, added, updated, unchanged, deleted, skipped.size(),
                chunksEmbedded, seconds, chunksPerSecond());
    }
}
