package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.quarry.eval.BeirCollection;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Query embedding latency: {@code embedQuery} on real 5 to 12 word queries against a bare ONNX Runtime call on the
 * same query, tokenized and made into tensors beforehand, one after the other for each query (which goes first
 * alternates), so that both see the same load. Part of {@code scripts/bench-embed}.
 */
final class QueryLatencyBench {

    private static final int ROUNDS = 3;

    static void run(OnnxModelSpec spec, int threads, Path queriesFrom) throws Exception {
        List<String> queries = queries(queriesFrom, 200);
        try (OnnxEmbedder embedder = new OnnxEmbedder(spec, 32, threads);
             BareSession bare = new BareSession(spec, OnnxEmbedder.sessionOptions(threads))) {
            List<BareSession.Batch> prepared = new ArrayList<>();
            for (String q : queries) prepared.addAll(bare.inGivenOrder(List.of(spec.queryPrefix() + q), 1));
            long[] ours = new long[ROUNDS * queries.size()];
            long[] theirs = new long[ours.length];
            for (int i = 0; i < queries.size(); i++) {
                embedder.embedQuery(queries.get(i));
                bare.run(prepared.get(i));
            }
            for (int r = 0, at = 0; r < ROUNDS; r++) {
                for (int i = 0; i < queries.size(); i++, at++) {
                    String q = queries.get(i);
                    BareSession.Batch b = prepared.get(i);
                    if (at % 2 == 0) {
                        ours[at] = nanos(() -> embedder.embedQuery(q));
                        theirs[at] = nanos(() -> bare.run(b));
                    } else {
                        theirs[at] = nanos(() -> bare.run(b));
                        ours[at] = nanos(() -> embedder.embedQuery(q));
                    }
                }
            }
            System.out.printf("%n%d queries of 5 to 12 words from %s, %s, %d threads, %d rounds, one query at a time%n",
                    queries.size(), queriesFrom, spec.id(), threads, ROUNDS);
            System.out.printf("%-36s %9s %9s%n", "query embedding", "p50 ms", "p99 ms");
            System.out.printf("%-36s %9.2f %9.2f%n", "quarry embedQuery", percentile(ours, 50), percentile(ours, 99));
            System.out.printf("%-36s %9.2f %9.2f%n", "bare ORT, pre-tokenized tensors", percentile(theirs, 50), percentile(theirs, 99));
            System.out.printf("quarry / bare: p50 %.3f, p99 %.3f (target p50 <= 1.2)%n",
                    percentile(ours, 50) / percentile(theirs, 50), percentile(ours, 99) / percentile(theirs, 99));
        }
        outsideTheModel(spec, queries);
    }

    /**
     * What a query costs before the model runs: the tokenizer binding's {@code Encoding} and tensors built from heap
     * arrays (how Quarry did it) against the ids alone from the binding's native calls and direct-buffer tensors.
     */
    private static void outsideTheModel(OnnxModelSpec spec, List<String> queries) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (HuggingFaceTokenizer tokenizer = tokenizer(spec); InputIds ids = new InputIds(tokenizer(spec))) {
            long[] before = new long[ROUNDS * 10 * queries.size()];
            long[] after = new long[before.length];
            for (int at = 0; at < before.length; at++) {
                String text = spec.queryPrefix() + queries.get(at % queries.size());
                before[at] = nanos(() -> {
                    Encoding e = tokenizer.batchEncode(List.of(text))[0];
                    long[] shape = {1, e.getIds().length};
                    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds().clone()), shape);
                         OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask().clone()), shape);
                         OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds().clone()), shape)) {
                        a.getInfo();
                    } catch (OrtException x) {
                        throw new IllegalStateException(x);
                    }
                });
                after[at] = nanos(() -> {
                    long[] row = ids.of(text);
                    try (InputTensors t = new InputTensors(env, new long[][] {row}, row.length, true)) {
                        t.map();
                    } catch (OrtException x) {
                        throw new IllegalStateException(x);
                    }
                });
            }
            System.out.printf("%-36s %9s %9s%n", "before the model runs", "p50 ms", "p99 ms");
            System.out.printf("%-36s %9.3f %9.3f%n", "binding's Encoding, heap tensors", percentile(before, 50), percentile(before, 99));
            System.out.printf("%-36s %9.3f %9.3f%n", "native ids, direct-buffer tensors", percentile(after, 50), percentile(after, 99));
        }
    }

    private static HuggingFaceTokenizer tokenizer(OnnxModelSpec spec) throws Exception {
        try (InputStream in = spec.openTokenizer()) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(spec.maxTokens())));
        }
    }

    /** The first {@code count} queries of 5 to 12 words of a BEIR collection. */
    static List<String> queries(Path collection, int count) {
        List<String> out = new ArrayList<>();
        for (String q : BeirCollection.load(collection).queries().values()) {
            int words = q.strip().split("\\s+").length;
            if (words >= 5 && words <= 12 && out.size() < count) out.add(q);
        }
        return out;
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long nanos(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }
}
