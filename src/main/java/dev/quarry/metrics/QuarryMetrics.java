package dev.quarry.metrics;

import io.micrometer.core.instrument.Counter;
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

    public void citationsDropped(int count) {
        if (count > 0) droppedCitations.increment(count);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** The Prometheus text format of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
