package dev.quarry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.collection.Collection;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.config.ServerConfig;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.embed.OnnxModelSpec;
import dev.quarry.eval.BeirCollection;
import dev.quarry.index.ChunkFilter;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.TuningChoice;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import dev.quarry.testing.Http;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * The HTTP API against the in-process search on the same 100,000-chunk index in one JVM: the same hybrid request
 * (k 10, no highlights as by default, the 93 NPL queries in turn, query vectors cached as a repeated query's are),
 * as many requests as one and sixteen clients can make, measured with wrk and with threads calling
 * {@link Collection#search} (what the route calls) in short runs of alternating order. Before measuring, both ways are
 * warmed up until the JIT has compiled them (code that runs once per request, Jetty's, Javalin's, Jackson's, needs tens
 * of thousands of requests to be compiled, the search's inner loops far fewer), and every query must give the same
 * hits both ways. Then what share of a search whose query is not cached is the model's time. Needs the index of
 * {@code scripts/bench-search path}. Run by {@code scripts/bench-http}.
 */
public final class HttpBench {

    private static final String MODEL = "bge-small-en-v1.5-q";
    private static final Duration RUN = Duration.ofSeconds(4);
    private static final int ROUNDS = 7;
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(4);
    /** Enough calls for the JIT's optimizing tier to compile code that runs once per request. */
    private static final long WARM_UP_REQUESTS = 20_000;
    private static final Duration MAX_WARM_UP = Duration.ofMinutes(8);

    public static void main(String[] args) throws Exception {
        Path collectionDir = Path.of(args.length > 0 ? args[0] : "../shared/eval/npl");
        Path cache = Path.of("target/bench");
        Path index = cache.resolve("search-path-100000-merged-1");
        if (!Files.exists(index.resolve("done"))) {
            System.err.println("no index at " + index + ": run scripts/bench-search path first");
            System.exit(2);
        }
        List<String> texts = new ArrayList<>(BeirCollection.load(collectionDir).queries().values());
        float[][] vectors = HnswBench.read(cache.resolve(collectionDir.getFileName() + "-" + MODEL + "-queries.bin"));

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
            Collection collection = quarry.defaultCollection();
            String url = "http://127.0.0.1:" + api.port() + "/v1/search";
            System.out.printf("hybrid, k 10, no highlights, %d queries in turn, %s per run, %d rounds%n", texts.size(), RUN, ROUNDS);
            warmUp(collection, texts, script, url);
            sameHits(new Http(api.port()), collection, texts);
            // Short runs in alternating order, and the median of each pair's ratio: the machine is shared, and a
            // pair of neighbouring runs sees about the same load.
            int[] clients = {1, 16};
            Runs local = new Runs(clients.length);
            Runs http = new Runs(clients.length);
            long compiledBefore = compileMillis();
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < clients.length; c++) {
                    boolean httpFirst = round % 2 == 1;
                    if (httpFirst) http.add(c, round, wrk(script, url, clients[c], RUN));
                    local.add(c, round, inProcess(collection, texts, clients[c], RUN));
                    if (!httpFirst) http.add(c, round, wrk(script, url, clients[c], RUN));
                }
            }
            System.out.printf("%-8s %14s %10s %18s %22s%n", "clients", "in-process/s", "HTTP/s", "HTTP / in-process",
                    "server CPU ms/request");
            for (int c = 0; c < clients.length; c++) {
                double[] ratios = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) ratios[r] = http.rates[c][r] / local.rates[c][r];
                System.out.printf("%-8d %14.1f %10.1f %18.3f %11.2f / %.2f   (pairs: %s)%n", clients[c], median(local.rates[c]),
                        median(http.rates[c]), median(ratios), median(local.cpuMillis[c]), median(http.cpuMillis[c]),
                        Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()));
            }
            System.out.printf("JIT compilation during the measured runs: %d ms%n", compileMillis() - compiledBefore);
            int threads = loaded.embedding() instanceof EmbeddingConfig.Onnx onnx ? onnx.threads()
                    : EmbeddingConfig.Onnx.defaultThreads();
            missShare(texts, threads, 1e6 / median(http.rates[0]));
        }
        // The MCP SDK's session sweeper runs on a scheduler of its own that closing its transport leaves running, a
        // thread that would keep this JVM alive; a server stopped by a signal exits regardless.
        System.exit(0);
    }

    /** One run: requests per second, and the milliseconds of this process's processor time per request. */
    private record Run(double rate, double cpuMillis) {
    }

    /** The runs of one side, by clients and round. */
    private static final class Runs {
        final double[][] rates;
        final double[][] cpuMillis;

        Runs(int clients) {
            rates = new double[clients][ROUNDS];
            cpuMillis = new double[clients][ROUNDS];
        }

        void add(int clients, int round, Run run) {
            rates[clients][round] = run.rate();
            cpuMillis[clients][round] = run.cpuMillis();
        }
    }

    /**
     * The route and the in-process call answer every query with the same hits, so both do the same search. Scores may
     * differ in their last bits: vector scores change once the JIT has compiled Lucene's vector code (it may add up a
     * dot product in another order), so this runs after the warm-up, and compares scores to a millionth.
     */
    private static void sameHits(Http http, Collection collection, List<String> texts) {
        for (String text : texts) {
            List<SearchHit> local = collection.search(query(text)).hits();
            JsonNode hits = http.post("/v1/search", body(text)).json().get("hits");
            boolean same = hits != null && hits.size() == local.size();
            for (int i = 0; same && i < local.size(); i++) {
                same = hits.get(i).get("chunkId").asText().equals(local.get(i).chunk().chunkId())
                        && Math.abs(hits.get(i).get("score").asDouble() - local.get(i).score()) < 1e-6;
            }
            if (!same) throw new IllegalStateException("HTTP and in-process hits differ for '" + text + "'");
        }
    }

    /**
     * Alternates both sides at sixteen clients and at one until each has served {@link #WARM_UP_REQUESTS} and the JIT
     * has nothing left to compile: a server's steady state, which a few seconds do not reach. On a loaded machine the
     * compiler threads get little processor time, so a quiet spell of finished compilations says nothing; the queue does.
     */
    private static void warmUp(Collection collection, List<String> texts, Path script, String url) throws Exception {
        long started = System.nanoTime();
        long requests = 0;
        long searches = 0;
        long compiledBefore = compileMillis();
        int queued;
        boolean warm;
        int slice = 0;
        do {
            int clients = slice++ % 2 == 0 ? 16 : 1;
            requests += Math.round(wrk(script, url, clients, WARM_UP_SLICE).rate() * WARM_UP_SLICE.toSeconds());
            searches += Math.round(inProcess(collection, texts, clients, WARM_UP_SLICE).rate() * WARM_UP_SLICE.toSeconds());
            queued = compilationsQueued();
            warm = Math.min(requests, searches) >= WARM_UP_REQUESTS && queued == 0;
        } while (!warm && System.nanoTime() - started < MAX_WARM_UP.toNanos());
        System.out.printf("warm-up: %d s, %,d HTTP requests and %,d in-process searches, %d ms of JIT compilation%s%n",
                (System.nanoTime() - started) / 1_000_000_000, requests, searches, compileMillis() - compiledBefore,
                warm ? "" : "; not steady when its time ran out: " + queued + " methods waiting to be compiled");
    }

    /** Methods the JIT is compiling or has queued, as {@code jcmd <pid> Compiler.queue} lists them. */
    private static int compilationsQueued() throws Exception {
        String queue = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return (int) queue.lines().filter(line -> line.contains("::")).count();
    }

    private static long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The query the route makes of {@link #body}: its defaults, the collection's active tuning. */
    private static SearchQuery query(String text) {
        return new SearchQuery(text, 10, 0, SearchMode.HYBRID, ChunkFilter.NONE, null, null, 0, false, false,
                TuningChoice.ACTIVE);
    }

    private static String body(String text) {
        return "{\"query\": \"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\", \"k\": 10}";
    }

    /** Searches per second of {@code threads} threads calling the collection directly. */
    private static Run inProcess(Collection collection, List<String> texts, int threads, Duration run)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long cpu = cpuNanos();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = first; !stop.get(); i++) {
                    collection.search(query(texts.get(i % texts.size())));
                    done.incrementAndGet();
                }
            }));
        }
        Thread.sleep(run);
        stop.set(true);
        for (Thread w : workers) w.join();
        return new Run(done.get() / ((System.nanoTime() - started) / 1e9), (cpuNanos() - cpu) / 1e6 / done.get());
    }

    private static Run wrk(Path script, String url, int connections, Duration run) throws IOException, InterruptedException {
        long cpu = cpuNanos();
        Process p = new ProcessBuilder("wrk", "-t" + Math.min(connections, 2), "-c" + connections, "-d" + run.toSeconds() + "s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        long used = cpuNanos() - cpu;
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher count = Pattern.compile("([0-9]+) requests in").matcher(out);
        if (!rate.find() || !count.find() || out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or saw errors:\n" + out);
        }
        return new Run(Double.parseDouble(rate.group(1)), used / 1e6 / Long.parseLong(count.group(1)));
    }

    /**
     * The model's share of a search whose query vector is not cached: its embedding time plus a cached search, with
     * the server's embedding threads and, interleaved in the same minute, with one.
     */
    private static void missShare(List<String> texts, int threads, double cachedMicros) {
        OnnxModelSpec spec = BundledModels.find(MODEL).orElseThrow();
        try (OnnxEmbedder server = new OnnxEmbedder(spec, 32, threads); OnnxEmbedder single = new OnnxEmbedder(spec, 32, 1)) {
            for (int i = 0; i < 20; i++) {
                server.embedQuery(texts.get(i));
                single.embedQuery(texts.get(i));
            }
            double[] serverP50 = new double[3];
            double[] singleP50 = new double[3];
            for (int round = 0; round < serverP50.length; round++) {
                serverP50[round] = embeddingP50Micros(server, texts);
                singleP50[round] = embeddingP50Micros(single, texts);
            }
            double p50 = median(serverP50);
            double singleThreaded = median(singleP50);
            System.out.printf("query embedding p50 %.1f ms with the server's %d threads (%.1f ms with one thread); a cached"
                    + " HTTP hybrid search (one client) %.1f ms; embedding's share of a search not cached: %.2f (%.2f with one"
                    + " thread)%n", p50 / 1000, threads, singleThreaded / 1000, cachedMicros / 1000, p50 / (p50 + cachedMicros),
                    singleThreaded / (singleThreaded + cachedMicros));
        }
    }

    private static double embeddingP50Micros(OnnxEmbedder model, List<String> texts) {
        double[] micros = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long started = System.nanoTime();
            model.embedQuery(texts.get(i));
            micros[i] = (System.nanoTime() - started) / 1000.0;
        }
        return median(micros);
    }

    private static String luaScript(List<String> texts) {
        StringBuilder s = new StringBuilder("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nbodies = {\n");
        for (String t : texts) s.append("  \"").append(body(t).replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
        s.append("}\ni = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n");
        return s.toString();
    }
}
