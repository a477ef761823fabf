package dev.quarry.cli;

import dev.quarry.ingest.IngestProgress;

/** Ingest progress as plain lines on standard error, at most one every few seconds. */
final class ProgressPrinter implements IngestProgress {

    private static final long INTERVAL_MS = 2000;

    private long lastPrinted;

    static IngestProgress forConsole() {
        return new ProgressPrinter();
    }

    @Override
    public void update(int filesDone, int filesTotal, int chunksEmbedded) {
        long now = System.currentTimeMillis();
        if (now - lastPrinted < INTERVAL_MS && filesDone < filesTotal) return;
        lastPrinted = now;
        System.err.printf("ingest: %d/%d files, %d chunks embedded%n", filesDone, filesTotal, chunksEmbedded);
    }
}
