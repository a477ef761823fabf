package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.quarry.text.TextTokenizer;
import dev.quarry.text.TokenSpans;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Embedding throughput: OnnxEmbedder against a bare ONNX Runtime session fed pre-tokenized, pre-padded tensors of
 * the same passages, in alternating rounds of one run; then passages of mixed length against the same embedder fed in
 * the given order and against langchain4j's embedder; then fp32 against int8. Run by {@code scripts/bench-embed}.
 */
public final class EmbedBench {

    private static final int TOKENS = 128;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        OnnxModelSpec fp32 = BundledModels.find("bge-small-en-v1.5").orElseThrow();
        OnnxModelSpec int8 = BundledModels.find("bge-small-en-v1.5-q").orElseThrow();
        List<String> passages;
        try (OnnxEmbedder embedder = new OnnxEmbedder(fp32, 64, threads)) {
            passages = passages(embedder.tokenizer(), Path.of(args.length > 0 ? args[0] : "sample-corpus"), 128);
            System.out.printf("%d passages of %d tokens, %d threads, %d alternating rounds%n%n", passages.size(), TOKENS, threads, ROUNDS);
            System.out.printf("%-6s %-9s %14s %14s %7s%n", "batch", "passages", "quarry p/s", "bare ORT p/s", "ratio");
            for (int[] setting : new int[][] {{1, 32}, {16, 64}, {64, 128}}) {
                compareWithBare(fp32, threads, setting[0], passages.subList(0, setting[1]));
            }
        }
        mixedLengths(int8, threads, Path.of(args.length > 0 ? args[0] : "sample-corpus"));
        System.out.printf("%n%-10s %14s%n", "model", "passages/s");
        List<String> sample = passages.subList(0, 64);
        double[] fp32Seconds = new double[1];
        double[] int8Seconds = new double[1];
        try (OnnxEmbedder a = new OnnxEmbedder(fp32, 16, threads); OnnxEmbedder b = new OnnxEmbedder(int8, 16, threads)) {
            a.embedPassages(sample.subList(0, 16));
            b.embedPassages(sample.subList(0, 16));
            for (int r = 0; r < ROUNDS; r++) {
                fp32Seconds[0] += time(() -> a.embedPassages(sample));
                int8Seconds[0] += time(() -> b.embedPassages(sample));
            }
        }
        double fp32Rate = ROUNDS * sample.size() / fp32Seconds[0];
        double int8Rate = ROUNDS * sample.size() / int8Seconds[0];
        System.out.printf("%-10s %14.1f%n%-10s %14.1f%nint8 / fp32 speed: %.2fx (batch 16)%n", "fp32", fp32Rate, "int8",
                int8Rate, int8Rate / fp32Rate);
    }

    /**
     * Passages of mixed length, as ingest gives them (headings, short paragraphs, full chunks): Quarry, which batches
     * texts of similar length together, against the same embedder fed in the given order one batch at a time (how it
     * batched before) and against langchain4j's in-process embedder of the same int8 model.
     */
    private static void mixedLengths(OnnxModelSpec spec, int threads, Path corpus) throws Exception {
        int batch = 32;
        try (OnnxEmbedder embedder = new OnnxEmbedder(spec, batch, threads)) {
            List<String> mixed = mixedPassages(embedder.tokenizer(), corpus, 256);
            EmbeddingModel langchain4j = new BgeSmallEnV15QuantizedEmbeddingModel();
            List<TextSegment> segments = mixed.stream().map(TextSegment::from).toList();
            Runnable sorted = () -> embedder.embedPassages(mixed);
            Runnable inOrder = () -> {
                for (int from = 0; from < mixed.size(); from += batch) {
                    embedder.embedPassages(mixed.subList(from, Math.min(mixed.size(), from + batch)));
                }
            };
            Runnable other = () -> langchain4j.embedAll(segments);
            sorted.run();
            inOrder.run();
            other.run();
            double[] seconds = new double[3];
            for (int r = 0; r < ROUNDS; r++) {
                seconds[0] += time(sorted);
                seconds[1] += time(inOrder);
                seconds[2] += time(other);
            }
            double n = (double) ROUNDS * mixed.size();
            System.out.printf("%n%d passages of 8 to 256 tokens, int8, batch %d, %d alternating rounds%n", mixed.size(), batch, ROUNDS);
            System.out.printf("%-34s %12s %8s%n", "embedder", "passages/s", "ratio");
            System.out.printf("%-34s %12.1f %8s%n", "quarry (similar lengths batched)", n / seconds[0], "1.000");
            System.out.printf("%-34s %12.1f %8.3f%n", "quarry, batches in given order", n / seconds[1], seconds[1] / seconds[0]);
            System.out.printf("%-34s %12.1f %8.3f%n", "langchain4j BgeSmallEnV15Quantized", n / seconds[2], seconds[2] / seconds[0]);
            System.out.println("(ratio: how many times quarry's rate each one is slower; >= 1.0 means quarry is as fast or faster)");
        }
    }

    /** Windows of 8 to 256 tokens over the sample corpus text, their lengths drawn from a fixed seed. */
    private static List<String> mixedPassages(TextTokenizer tokenizer, Path corpus, int count) throws Exception {
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
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxEmbedder embedder = new OnnxEmbedder(spec, batch, threads);
             OrtSession session = env.createSession(spec.modelBytes(), OnnxEmbedder.sessionOptions(threads));
             HuggingFaceTokenizer tokenizer = tokenizer(spec)) {
            List<long[][]> inputs = new ArrayList<>();
            for (int from = 0; from < passages.size(); from += batch) {
                inputs.add(padded(tokenizer.batchEncode(passages.subList(from, Math.min(passages.size(), from + batch)))));
            }
            Runnable ours = () -> {
                for (int from = 0; from < passages.size(); from += batch) {
                    embedder.embedPassages(passages.subList(from, Math.min(passages.size(), from + batch)));
                }
            };
            Runnable bare = () -> inputs.forEach(in -> runBare(env, session, in));
            ours.run();
            bare.run();
            double oursSeconds = 0;
            double bareSeconds = 0;
            for (int r = 0; r < ROUNDS; r++) {
                oursSeconds += time(ours);
                bareSeconds += time(bare);
            }
            double oursRate = ROUNDS * passages.size() / oursSeconds;
            double bareRate = ROUNDS * passages.size() / bareSeconds;
            System.out.printf("%-6d %-9d %14.1f %14.1f %7.3f%n", batch, passages.size(), oursRate, bareRate, oursRate / bareRate);
        }
    }

    /** ids, mask and type ids as [3][rows * width], plus the shape in a fourth row. */
    private static long[][] padded(Encoding[] encodings) {
        int width = 0;
        for (Encoding e : encodings) width = Math.max(width, e.getIds().length);
        long[][] out = {new long[encodings.length * width], new long[encodings.length * width],
                new long[encodings.length * width], {encodings.length, width}};
        for (int r = 0; r < encodings.length; r++) {
            System.arraycopy(encodings[r].getIds(), 0, out[0], r * width, encodings[r].getIds().length);
            System.arraycopy(encodings[r].getAttentionMask(), 0, out[1], r * width, encodings[r].getIds().length);
            System.arraycopy(encodings[r].getTypeIds(), 0, out[2], r * width, encodings[r].getIds().length);
        }
        return out;
    }

    private static void runBare(OrtEnvironment env, OrtSession session, long[][] in) {
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(in[0]), in[3]);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(in[1]), in[3]);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(in[2]), in[3]);
             OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HuggingFaceTokenizer tokenizer(OnnxModelSpec spec) throws Exception {
        try (InputStream in = spec.openTokenizer()) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
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
