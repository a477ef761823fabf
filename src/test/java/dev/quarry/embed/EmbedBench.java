package dev.quarry.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.quarry.text.TextTokenizer;
import dev.quarry.text.TokenSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Embedding throughput: OnnxEmbedder against a bare ONNX Runtime session given the same batches as tensors built
 * beforehand, in alternating rounds of one run, on passages of one length and on passages of mixed length (with
 * langchain4j's embedder of the same model beside them); then query latency ({@link QueryLatencyBench}); then fp32
 * against int8. Run by {@code scripts/bench-embed [corpus] [beir-collection] [fixed,mixed,query,int8]}.
 */
public final class EmbedBench {

    private static final int TOKENS = 128;
    private static final int ROUNDS = 3;

    /** Arguments: the corpus folder, the BEIR collection whose queries are timed, and which sections to run (default all). */
    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        Path corpus = Path.of(args.length > 0 ? args[0] : "sample-corpus");
        Path queries = Path.of(args.length > 1 ? args[1] : "../shared/eval/scifact-train");
        List<String> sections = args.length > 2 ? List.of(args[2].split(",")) : List.of("fixed", "mixed", "query", "threads", "int8");
        OnnxModelSpec fp32 = BundledModels.find("bge-small-en-v1.5").orElseThrow();
        OnnxModelSpec int8 = BundledModels.find("bge-small-en-v1.5-q").orElseThrow();
        if (sections.contains("fixed")) fixedLengths(fp32, threads, corpus);
        if (sections.contains("mixed")) mixedLengths(int8, threads, corpus);
        if (sections.contains("query")) QueryLatencyBench.run(int8, threads, queries);
        if (sections.contains("threads")) {
            try (OnnxEmbedder embedder = new OnnxEmbedder(int8, 32, threads)) {
                QueryThreadsBench.run(int8, threads, queries, mixedPassages(embedder.tokenizer(), corpus, 256));
            }
        }
        if (sections.contains("int8")) int8AgainstFp32(fp32, int8, threads, corpus);
    }

    private static void fixedLengths(OnnxModelSpec fp32, int threads, Path corpus) throws Exception {
        try (OnnxEmbedder embedder = new OnnxEmbedder(fp32, 64, threads)) {
            List<String> passages = passages(embedder.tokenizer(), corpus, 128);
            System.out.printf("%d passages of %d tokens, %d threads, %d alternating rounds%n%n", passages.size(), TOKENS, threads, ROUNDS);
            System.out.printf("%-6s %-9s %14s %14s %7s%n", "batch", "passages", "quarry p/s", "bare ORT p/s", "ratio");
            for (int[] setting : new int[][] {{1, 32}, {16, 64}, {64, 128}}) {
                compareWithBare(fp32, threads, setting[0], passages.subList(0, setting[1]));
            }
        }
    }

    private static void int8AgainstFp32(OnnxModelSpec fp32, OnnxModelSpec int8, int threads, Path corpus) throws Exception {
        System.out.printf("%n%-10s %14s%n", "model", "passages/s");
        double[] fp32Seconds = new double[1];
        double[] int8Seconds = new double[1];
        try (OnnxEmbedder a = new OnnxEmbedder(fp32, 16, threads); OnnxEmbedder b = new OnnxEmbedder(int8, 16, threads)) {
            List<String> sample = passages(a.tokenizer(), corpus, 64);
            a.embedPassages(sample.subList(0, 16));
            b.embedPassages(sample.subList(0, 16));
            for (int r = 0; r < ROUNDS; r++) {
                fp32Seconds[0] += time(() -> a.embedPassages(sample));
                int8Seconds[0] += time(() -> b.embedPassages(sample));
            }
            double fp32Rate = ROUNDS * sample.size() / fp32Seconds[0];
            double int8Rate = ROUNDS * sample.size() / int8Seconds[0];
            System.out.printf("%-10s %14.1f%n%-10s %14.1f%nint8 / fp32 speed: %.2fx (batch 16)%n", "fp32", fp32Rate, "int8",
                    int8Rate, int8Rate / fp32Rate);
        }
    }

    /**
     * Passages of mixed length, as ingest gives them (headings, short paragraphs, full chunks): Quarry, which batches
     * texts of similar length together, against a bare session given the same length-sorted batches as pre-built
     * tensors, the same embedder fed in the given order one batch at a time (how it batched before) and langchain4j's
     * in-process embedder of the same int8 model.
     */
    private static void mixedLengths(OnnxModelSpec spec, int threads, Path corpus) throws Exception {
        int batch = 32;
        try (OnnxEmbedder embedder = new OnnxEmbedder(spec, batch, threads);
             BareSession bare = new BareSession(spec, OnnxEmbedder.sessionOptions(threads))) {
            List<String> mixed = mixedPassages(embedder.tokenizer(), corpus, 256);
            List<BareSession.Batch> sortedBatches = bare.byLength(mixed, batch);
            EmbeddingModel langchain4j = new BgeSmallEnV15QuantizedEmbeddingModel();
            List<TextSegment> segments = mixed.stream().map(TextSegment::from).toList();
            List<Runnable> runs = List.of(
                    () -> embedder.embedPassages(mixed),
                    () -> sortedBatches.forEach(bare::run),
                    () -> {
                        for (int from = 0; from < mixed.size(); from += batch) {
                            embedder.embedPassages(mixed.subList(from, Math.min(mixed.size(), from + batch)));
                        }
                    },
                    () -> langchain4j.embedAll(segments));
            runs.forEach(Runnable::run);
            double[] seconds = new double[runs.size()];
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < runs.size(); i++) seconds[i] += time(runs.get(i));
            }
            double n = (double) ROUNDS * mixed.size();
            System.out.printf("%n%d passages of 8 to 256 tokens, %s, batch %d, %d threads, %d alternating rounds%n",
                    mixed.size(), spec.id(), batch, threads, ROUNDS);
            System.out.printf("%-40s %12s %14s%n", "embedder", "passages/s", "quarry's rate /");
            String[] names = {"quarry (similar lengths batched)", "bare ORT, same sorted batches, tensors", "quarry, batches in given order",
                    "langchain4j BgeSmallEnV15Quantized"};
            for (int i = 0; i < runs.size(); i++) {
                System.out.printf("%-40s %12.1f %14.3f%n", names[i], n / seconds[i], seconds[i] / seconds[0]);
            }
            System.out.println("(last column: quarry's rate over each one's; >= 1.0 means quarry is as fast or faster;"
                    + " target >= 0.95 against bare ORT, >= 1.0 against langchain4j)");
        }
    }

    /** Windows of 8 to 256 tokens over the sample corpus text, their lengths drawn from a fixed seed. */
    static List<String> mixedPassages(TextTokenizer tokenizer, Path corpus, int count) throws Exception {
        String text = corpusText(corpus);
        TokenSpans spans = tokenizer.spans(text);
        Random random = new Random(7);
        List<String> out = new ArrayList<>();
        int t = 0;
        while (out.size() < count) {
            int length = 8 + random.nextInt(249);
            int start = t % (spans.size() - length);
            out.add(text.substring(spans.start(start), spans.end(start + length - 1)));
            t += length;
        }
        return out;
    }

    private static String corpusText(Path corpus) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".md")).sorted().toList()) {
                all.append(Files.readString(f).replaceAll("\\s+", " ")).append(' ');
            }
        }
        return all.toString();
    }

    private static void compareWithBare(OnnxModelSpec spec, int threads, int batch, List<String> passages) throws Exception {
        try (OnnxEmbedder embedder = new OnnxEmbedder(spec, batch, threads);
             BareSession bare = new BareSession(spec, OnnxEmbedder.sessionOptions(threads))) {
            List<BareSession.Batch> inputs = bare.inGivenOrder(passages, batch);
            Runnable ours = () -> {
                for (int from = 0; from < passages.size(); from += batch) {
                    embedder.embedPassages(passages.subList(from, Math.min(passages.size(), from + batch)));
                }
            };
            Runnable theirs = () -> inputs.forEach(bare::run);
            ours.run();
            theirs.run();
            double oursSeconds = 0;
            double bareSeconds = 0;
            for (int r = 0; r < ROUNDS; r++) {
                oursSeconds += time(ours);
                bareSeconds += time(theirs);
            }
            double oursRate = ROUNDS * passages.size() / oursSeconds;
            double bareRate = ROUNDS * passages.size() / bareSeconds;
            System.out.printf("%-6d %-9d %14.1f %14.1f %7.3f%n", batch, passages.size(), oursRate, bareRate, oursRate / bareRate);
        }
    }

    /** Windows of exactly TOKENS model tokens over the sample corpus text. */
    private static List<String> passages(TextTokenizer tokenizer, Path corpus, int count) throws Exception {
        String text = corpusText(corpus);
        TokenSpans spans = tokenizer.spans(text);
        List<String> out = new ArrayList<>();
        for (int t = 0; out.size() < count; t += TOKENS / 2) {
            int start = t % (spans.size() - TOKENS);
            out.add(text.substring(spans.start(start), spans.end(start + TOKENS - 1)));
        }
        return out;
    }

    private static double time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }
}
