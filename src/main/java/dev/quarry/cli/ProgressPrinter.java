package dev.quarry.cli;

import dev.quarry.ingest.IngestProgress;
import java.io.PrintStream;

/**
 * Ingest progress on standard error: on a terminal, one bar redrawn in place (files, chunks, rate, time left);
 * otherwise, for logs and pipes, a plain line every few seconds.
 */
final class ProgressPrinter implements IngestProgress {

    private static final long LINE_INTERVAL_MS = 2000;
    private static final long BAR_INTERVAL_MS = 200;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.currentTimeMillis();
    private long lastPrinted;

    private ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static IngestProgress forConsole() {
        return new ProgressPrinter(System.err, System.console() != null && System.console().isTerminal());
    }

    @Override
    public void update(int filesDone, int filesTotal, int chunksEmbedded) {
        long now = System.currentTimeMillis();
        boolean last = filesDone >= filesTotal;
        if (now - lastPrinted < (terminal ? BAR_INTERVAL_MS : LINE_INTERVAL_MS) && !last) return;
        lastPrinted = now;
        double seconds = Math.max(0.001, (now - started) / 1000.0);
        double rate = chunksEmbedded / seconds;
        String eta = filesDone == 0 || last ? "" : ", ETA " + clock(seconds * (filesTotal - filesDone) / filesDone);
        if (terminal) {
            int filled = filesTotal == 0 ? BAR_WIDTH : BAR_WIDTH * filesDone / filesTotal;
            out.printf("\r[%s%s] %d/%d files, %d chunks, %.1f chunks/s%s   ", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                    filesDone, filesTotal, chunksEmbedded, rate, eta);
            if (last) out.println();
        } else {
            out.printf("ingest: %d/%d files, %d chunks embedded, %.1f chunks/s%s%n", filesDone, filesTotal, chunksEmbedded, rate, eta);
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
