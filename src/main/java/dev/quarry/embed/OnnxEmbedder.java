package dev.quarry.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.quarry.text.TextTokenizer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sentence-embedding model in-process on ONNX Runtime: batches are padded to their longest input, inputs
 * over the model's limit are truncated, token states are pooled as the model was trained and L2-normalized.
 */
public final class OnnxEmbedder implements Embedder {

    private static final Logger log = LoggerFactory.getLogger(OnnxEmbedder.class);

    private final OnnxModelSpec spec;
    private final int batchSize;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final InputIds inputIds;
    private final ModelTokenizer chunkTokenizer;
    private final boolean takesTokenTypes;
    private final ModelInfo info;
    /** Model calls hold it shared; close takes it exclusively, so the session is never freed under a running call. */
    private final ReadWriteLock use = new ReentrantReadWriteLock();
    private boolean closed;

    public OnnxEmbedder(OnnxModelSpec spec, int batchSize, int threads) {
        this(spec, batchSize, threads, UnpackedFiles.standard());
    }

    /** With the folder that bundled files are unpacked to of the caller's own. */
    OnnxEmbedder(OnnxModelSpec spec, int batchSize, int threads, UnpackedFiles unpacked) {
        // The files start loading before the session options start ONNX Runtime's native library.
        this(spec, positive("batchSize", batchSize), optionsFor(threads), ModelFiles.load(spec, unpacked));
    }

    /** With session options of the caller's own, for benchmarks that compare them. */
    OnnxEmbedder(OnnxModelSpec spec, int batchSize, OrtSession.SessionOptions options) {
        this(spec, positive("batchSize", batchSize), () -> options, ModelFiles.load(spec, UnpackedFiles.standard()));
    }

    private OnnxEmbedder(OnnxModelSpec spec, int batchSize, Supplier<OrtSession.SessionOptions> options, ModelFiles files) {
        this.spec = spec;
        this.batchSize = batchSize;
        long started = System.nanoTime();
        try {
            OrtSession.SessionOptions sessionOptions = options.get();
            env = OrtEnvironment.getEnvironment();
            session = files.model.join().open(env, sessionOptions);
            takesTokenTypes = session.getInputNames().contains("token_type_ids");
            int dimensions = hiddenSize(session);
            if (spec.dimensions() != 0 && dimensions != spec.dimensions()) {
                session.close();
                throw new EmbeddingException("model " + spec.id() + " gives vectors of " + dimensions
                        + " dimensions, but " + spec.dimensions() + " are declared for it");
            }
            info = spec.info(dimensions);
        } catch (OrtException | RuntimeException e) {
            files.discard();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof EmbeddingException embedding) throw embedding;
            throw new EmbeddingException("cannot load model " + spec.id() + ": " + cause.getMessage(), cause);
        }
        try {
            ModelFiles.Tokenizers loaded = files.tokenizers.join();
            inputIds = new InputIds(loaded.modelInput());
            chunkTokenizer = new ModelTokenizer(loaded.chunks(), spec.maxTokens() - 2);
        } catch (CompletionException e) {
            EmbeddingException failure = new EmbeddingException("cannot load the tokenizer of model " + spec.id() + ": "
                    + e.getCause().getMessage(), e.getCause());
            try {
                session.close();
            } catch (OrtException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        log.info("Loaded embedding model {} ({} dims, {} pooling) in {} ms on ONNX Runtime {}, {}", info.id(),
                info.dimensions(), info.pooling(), (System.nanoTime() - started) / 1_000_000, env.getVersion(),
                CpuFeatures.describe());
    }

    private static int positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
        return value;
    }

    /** Options for {@code threads} threads, made when asked for: making them starts ONNX Runtime. */
    private static Supplier<OrtSession.SessionOptions> optionsFor(int threads) {
        positive("threads", threads);
        return () -> options(threads);
    }

    private static OrtSession.SessionOptions options(int threads) {
        try {
            return sessionOptions(threads);
        } catch (OrtException e) {
            throw new EmbeddingException("cannot set up ONNX Runtime with " + threads + " threads: " + e.getMessage(), e);
        }
    }

    /** The session options that both Quarry and the embedding benchmark's bare session use. */
    public static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        return options;
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public TextTokenizer tokenizer() {
        return chunkTokenizer;
    }

    @Override
    public float[][] embedPassages(List<String> passages) {
        List<String> inputs = spec.passagePrefix().isEmpty() ? passages
                : passages.stream().map(p -> spec.passagePrefix() + p).toList();
        return embed(inputs);
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(spec.queryPrefix() + query))[0];
    }

    private float[][] embed(List<String> texts) {
        use.readLock().lock();
        try {
            if (closed) throw new EmbeddingException("model " + spec.id() + " is closed: the server is stopping");
            return embedInBatches(texts);
        } finally {
            use.readLock().unlock();
        }
    }

    /**
     * Tokenizes everything given once, then runs batches of texts of similar length: a batch is padded to its longest
     * text, so mixing a heading with a full chunk costs the heading a full chunk's work. Vectors come back in the
     * order the texts were given.
     */
    private float[][] embedInBatches(List<String> texts) {
        long[][] ids = inputIds.of(texts);
        if (ids.length <= batchSize) return embedBatch(ids);
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        float[][] out = new float[ids.length][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            long[][] batch = new long[to - from][];
            for (int i = from; i < to; i++) batch[i - from] = ids[order[i]];
            float[][] vectors = embedBatch(batch);
            for (int i = from; i < to; i++) out[order[i]] = vectors[i - from];
        }
        return out;
    }

    private float[][] embedBatch(long[][] rows) {
        int[] lengths = new int[rows.length];
        int width = 0;
        for (int r = 0; r < rows.length; r++) {
            lengths[r] = rows[r].length;
            width = Math.max(width, lengths[r]);
        }
        try (InputTensors inputs = new InputTensors(env, rows, width, takesTokenTypes);
             OrtSession.Result result = session.run(inputs.map())) {
            FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
            return Vectors.pool(states, lengths, width, info.dimensions(), spec.pooling());
        } catch (OrtException e) {
            throw new EmbeddingException("model " + spec.id() + " failed on a batch of " + rows.length + ": " + e.getMessage(), e);
        }
    }

    private static int hiddenSize(OrtSession session) throws OrtException {
        List<NodeInfo> outputs = new ArrayList<>(session.getOutputInfo().values());
        long[] shape = ((TensorInfo) outputs.getFirst().getInfo()).getShape();
        return (int) shape[shape.length - 1];
    }

    @Override
    public void close() {
        use.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            session.close();
        } catch (OrtException e) {
            log.warn("Closing the ONNX session failed: {}", e.getMessage());
        } finally {
            use.writeLock().unlock();
        }
        inputIds.close();
        chunkTokenizer.close();
    }
}
