package dev.quarry.bench;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ServerConfig;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.Searcher;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HTTP API against the in-process {@link Searcher} on the same 100,000-chunk index in one JVM: the same hybrid
 * request (k 10, no highlights as by default, the 93 NPL queries in turn, query vectors cached as a repeated query's
 * are), as many requests as one and sixteen clients can make, measured with wrk and with threads calling the
 * searcher in short runs of alternating order. Then what share of a search whose query is not cached is the model's
 * time. Needs the index of {@code scripts/bench-search path}. Run by {@code scripts/bench-http}.
 */
public final class HttpBench {

    private static final String MODEL = "bge-small-en-v1.5-q";
    private static final Duration RUN = Duration.ofSeconds(4);
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Path collection = Path.of(args.length > 0 ? args[0] : "../shared/eval/npl");
        Path cache = Path.of("target/bench");
        Path index = cache.resolve("search-path-100000-merged-1");
        if (!Files.exists(index.resolve("done"))) {
            System.err.println("no index at " + index + ": run scripts/bench-search path first");
            System.exit(2);
        }
        List<String> texts = new ArrayList<>(BeirCollection.load(collection).queries().values());
        float[][] vectors = HnswBench.read(cache.resolve(collection.getFileName() + "-" + MODEL + "-queries.bin"));

        Path data = cache.resolve("http-data");
        if (Files.exists(data)) HnswBench.deleteTree(data);
        Path live = Files.createDirectories(data.resolve("default/index-1"));
        try (Stream<Path> files = Files.list(index)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("done") && !name.equals("write.lock")) Files.createLink(live.resolve(name), f);
            }
        }
        QuarryConfig loaded = ConfigLoader.load(Map.of("QUARRY_DATA", data.toString()));
        QuarryConfig config = loaded.withServer(new ServerConfig("127.0.0.1", 0, ApiKeys.none(), null,
                new ServerConfig.Limits(1 << 20, Map.of(Role.READER, 1_000_000_000), Duration.ofSeconds(5))));
        Path script = cache.resolve("search.lua");
        Files.writeString(script, luaScript(texts), StandardCharsets.UTF_8);

        try (Quarry quarry = Quarry.open(config, Map.of(), embedding -> new SearchPathBench.FixedEmbedder(texts, vectors));
             ApiServer api = new ApiServer(quarry, config.server()).start()) {
            Searcher searcher = quarry.defaultCollection().searcher();
            String url = "http://127.0.0.1:" + api.port() + "/v1/search";
            System.out.printf("hybrid, k 10, no highlights, %d queries in turn, %s per run, %d rounds%n", texts.size(), RUN, ROUNDS);
            inProcess(searcher, texts, 2, Duration.ofSeconds(5));
            wrk(script, url, 2, Duration.ofSeconds(5));
            // Short runs in alternating order, and the median of each pair's ratio: the machine is shared, and a
            // pair of neighbouring runs sees about the same load.
            int[] clients = {1, 16};
            double[][] ratios = new double[clients.length][ROUNDS];
            double[][] inProcessRates = new double[clients.length][ROUNDS];
            double[][] httpRates = new double[clients.length][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < clients.length; c++) {
                    boolean httpFirst = round % 2 == 1;
                    double http = httpFirst ? wrk(script, url, clients[c], RUN) : 0;
                    double local = inProcess(searcher, texts, clients[c], RUN);
                    if (!httpFirst) http = wrk(script, url, clients[c], RUN);
                    inProcessRates[c][round] = local;
                    httpRates[c][round] = http;
                    ratios[c][round] = http / local;
                }
            }
            System.out.printf("%-8s %16s %12s %14s%n", "clients", "in-process/s", "HTTP/s", "HTTP / in-process");
            for (int c = 0; c < clients.length; c++) {
                System.out.printf("%-8d %16.1f %12.1f %14.3f   (pairs: %s)%n", clients[c], median(inProcessRates[c]),
                        median(httpRates[c]), median(ratios[c]), java.util.Arrays.toString(
                                java.util.Arrays.stream(ratios[c]).map(r -> Math.round(r * 100) / 100.0).toArray()));
            }
            missShare(texts, 1e6 / median(httpRates[0]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Searches per second of {@code threads} threads calling the searcher directly. */
    private static double inProcess(Searcher searcher, List<String> texts, int threads, Duration run) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = first; !stop.get(); i++) {
                    searcher.search(new SearchQuery(texts.get(i % texts.size()), 10, 0, SearchMode.HYBRID, ChunkFilter.NONE,
                            null, null, 0, false, false));
                    done.incrementAndGet();
                }
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(run);
        stop.set(true);
        for (Thread w : workers) w.join();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static double wrk(Path script, String url, int connections, Duration run) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t" + Math.min(connections, 2), "-c" + connections, "-d" + run.toSeconds() + "s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find() || out.contains("Non-2xx")) throw new IllegalStateException("wrk failed or saw errors:\n" + out);
        return Double.parseDouble(rate.group(1));
    }

    /** The model's share of a search whose query vector is not cached: its embedding time plus a cached search. */
    private static void missShare(List<String> texts, double cachedMicros) {
        try (OnnxEmbedder model = new OnnxEmbedder(BundledModels.find(MODEL).orElseThrow(), 32, 1)) {
            for (int i = 0; i < 20; i++) model.embedQuery(texts.get(i));
            long[] micros = new long[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                long started = System.nanoTime();
                model.embedQuery(texts.get(i));
                micros[i] = (System.nanoTime() - started) / 1000;
            }
            java.util.Arrays.sort(micros);
            double p50 = micros[micros.length / 2];
            System.out.printf("query embedding p50 %.1f ms; a cached HTTP hybrid search (one client) %.1f ms;"
                    + " embedding's share of a search not cached: %.2f%n", p50 / 1000, cachedMicros / 1000, p50 / (p50 + cachedMicros));
        }
    }

    private static String luaScript(List<String> texts) {
        StringBuilder s = new StringBuilder("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nbodies = {\n");
        for (String t : texts) {
            String json = "{\"query\": \"" + t.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\", \"k\": 10}";
            s.append("  \"").append(json.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
        }
        s.append("}\ni = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n");
        return s.toString();
    }
}
