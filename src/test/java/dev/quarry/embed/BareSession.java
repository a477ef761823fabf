package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The embedding benchmark's baseline: a bare ONNX Runtime session with Quarry's session options, run on tensors built
 * before the clock starts, its output left in the runtime. Everything Quarry does around the model shows against it.
 */
final class BareSession implements AutoCloseable {

    /** The inputs of one model call, built ahead of time. */
    record Batch(int rows, Map<String, OnnxTensor> inputs) implements AutoCloseable {
        @Override
        public void close() {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    BareSession(OnnxModelSpec spec, OrtSession.SessionOptions options) throws Exception {
        session = env.createSession(spec.modelBytes(), options);
        try (InputStream in = spec.openTokenizer()) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(spec.maxTokens())));
        }
    }

    /** {@code texts} in batches of {@code size} as given, each padded to its longest text. */
    List<Batch> inGivenOrder(List<String> texts, int size) throws OrtException {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += size) {
            out.add(batch(tokenizer.batchEncode(texts.subList(from, Math.min(texts.size(), from + size)))));
        }
        return out;
    }

    /** {@code texts} sorted by token count, then in batches of {@code size}: the batches Quarry runs. */
    List<Batch> byLength(List<String> texts, int size) throws OrtException {
        List<Encoding> sorted = new ArrayList<>(List.of(tokenizer.batchEncode(texts)));
        sorted.sort(Comparator.comparingInt(e -> e.getIds().length));
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += size) {
            out.add(batch(sorted.subList(from, Math.min(sorted.size(), from + size)).toArray(Encoding[]::new)));
        }
        return out;
    }

    /** One model call; the output stays in the runtime. */
    void run(Batch batch) {
        try (OrtSession.Result ignored = session.run(batch.inputs())) {
            // Only the call is measured.
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private Batch batch(Encoding[] encodings) throws OrtException {
        int width = 0;
        for (Encoding e : encodings) width = Math.max(width, e.getIds().length);
        long[] ids = new long[encodings.length * width];
        long[] mask = new long[encodings.length * width];
        long[] types = new long[encodings.length * width];
        for (int r = 0; r < encodings.length; r++) {
            int n = encodings[r].getIds().length;
            System.arraycopy(encodings[r].getIds(), 0, ids, r * width, n);
            System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * width, n);
            System.arraycopy(encodings[r].getTypeIds(), 0, types, r * width, n);
        }
        long[] shape = {encodings.length, width};
        return new Batch(encodings.length, Map.of("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
                "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape),
                "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)));
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
