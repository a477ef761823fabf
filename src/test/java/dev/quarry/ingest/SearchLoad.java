package dev.quarry.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop search load: {@code connections} virtual threads each send one search after another for a fixed time,
 * and the latencies, statuses and errors are kept. Bounded in time; it only talks to the given loopback port.
 */
final class SearchLoad {

    record Result(long requests, Map<Integer, Long> statuses, long errors, double p50Ms, double p99Ms) {
        long non2xx(int except) {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2 && e.getKey() != except)
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final int port;
    private final List<String> queries;

    SearchLoad(int port, List<String> queries) {
        this.port = port;
        this.queries = queries;
    }

    Result run(int connections, Duration duration) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + duration.toNanos();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    String query = queries.get(ThreadLocalRandom.current().nextInt(queries.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"query\":" + quoted(query) + ",\"k\":10}")).build();
                    long started = System.nanoTime();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        latencies.add(System.nanoTime() - started);
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        client.close();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((s, n) -> counts.put(s, n.get()));
        return new Result(sorted.size() + errors.get(), counts, errors.get(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
