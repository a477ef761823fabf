package dev.quarry.metrics;

import dev.quarry.ingest.IngestReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** Quarry's meters, their names in one place, and the Prometheus registry that exposes them at {@code /metrics}. */
public final class QuarryMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter droppedCitations = Counter.builder("quarry.chat.citations.dropped")
            .description("Citation markers removed from generated answers because they named no source given")
            .register(registry);

    /** Records one HTTP request by route pattern (never the raw path, which would explode the label set). */
    public void request(String method, String route, int status, Duration took) {
        Timer.builder("quarry.http.requests").tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(registry).record(took);
    }

    /** Counts what one ingest run did, by outcome, so a dashboard shows ingest throughput and skipped files. */
    public void ingested(IngestReport report) {
        ingestCounter("added").increment(report.added());
        ingestCounter("updated").increment(report.updated());
        ingestCounter("deleted").increment(report.deleted());
        ingestCounter("skipped").increment(report.skipped().size());
        Counter.builder("quarry.ingest.chunks.embedded").description("Chunks embedded by ingest runs").register(registry)
                .increment(report.chunksEmbedded());
        Counter.builder("quarry.ingest.runs").description("Ingest runs finished").register(registry).increment();
        report.findings().forEach((type, n) -> Counter.builder("quarry.safety.findings").tag("type", type)
                .description("Personal data and secrets found in ingested files, by type").register(registry).increment(n));
    }

    private Counter ingestCounter(String outcome) {
        return Counter.builder("quarry.ingest.files").tag("outcome", outcome).description("Files seen by ingest runs, by outcome")
                .register(registry);
    }

    /** One call to the embedding model: how long it took and how many texts it embedded. */
    public void embedded(String kind, int batchSize, Duration took) {
        Timer.builder("quarry.embed.latency").tag("kind", kind).description("Time to embed one batch of passages or one query")
                .publishPercentileHistogram().register(registry).record(took);
        DistributionSummary.builder("quarry.embed.batch.size").tag("kind", kind).description("Texts per embedding call")
                .register(registry).record(batchSize);
    }

    /** A call to a chat or embeddings deployment that failed after the SDK's own retries. */
    public void upstreamFailure(boolean timedOut) {
        Counter.builder("quarry.upstream.failures").tag("cause", timedOut ? "timeout" : "error")
                .description("Upstream calls that failed after all retries").register(registry).increment();
    }

    /** A client left a streamed answer before it was complete: a normal end, not a failure. */
    public void chatAbandoned() {
        Counter.builder("quarry.chat.streams.abandoned").description("Streamed answers whose client left before the end")
                .register(registry).increment();
    }

    /** A question or answer stopped by a content filter: {@code by} is {@code blocklist} or {@code upstream}. */
    public void contentFiltered(String by) {
        Counter.builder("quarry.safety.filtered").tag("by", by).description("Chat requests stopped by a content filter")
                .register(registry).increment();
    }

    public void citationsDropped(int count) {
        if (count > 0) droppedCitations.increment(count);
    }

    /** A gauge with one tag (the collection or model it measures); the returned action removes it. */
    public Runnable gauge(String name, String description, String tag, String tagValue, Supplier<Number> value) {
        Gauge gauge = Gauge.builder(name, value).description(description).tag(tag, tagValue).register(registry);
        return () -> registry.remove(gauge);
    }

    /** The Prometheus text format of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
