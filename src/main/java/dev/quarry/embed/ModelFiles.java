package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A model's files, loading on another thread from the moment they are asked for: the model's file (a bundled one
 * unpacked from its jar the first time), then its tokenizer twice. Each takes a few hundred milliseconds of a server's
 * start, as does ONNX Runtime's own native start-up, and none needs another, so the embedder starts the runtime
 * meanwhile.
 */
final class ModelFiles {

    /** The model as ONNX Runtime reads it: its file, or its bytes where there is no file to read. */
    record Model(Path file, byte[] bytes) {

        OrtSession open(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException {
            return file != null ? env.createSession(file.toString(), options) : env.createSession(bytes, options);
        }
    }

    /** The model's tokenizer with special tokens and truncation, for model input, and without, for chunking. */
    record Tokenizers(HuggingFaceTokenizer modelInput, HuggingFaceTokenizer chunks) {

        void close() {
            modelInput.close();
            chunks.close();
        }
    }

    final CompletableFuture<Model> model;
    final CompletableFuture<Tokenizers> tokenizers;

    private ModelFiles(OnnxModelSpec spec, UnpackedFiles unpacked) {
        model = CompletableFuture.supplyAsync(() -> spec.modelFile(unpacked)
                .map(file -> new Model(file, null))
                .orElseGet(() -> new Model(null, spec.modelBytes())));
        tokenizers = model.handleAsync((loaded, failed) -> tokenizers(spec));
    }

    /** Starts loading; ONNX Runtime's libraries are to be read from {@code unpacked} too, unless it has started. */
    static ModelFiles load(OnnxModelSpec spec, UnpackedFiles unpacked) {
        DjlOffline.enforce();
        unpacked.pointOnnxRuntimeAtCopies();
        return new ModelFiles(spec, unpacked);
    }

    /** Frees the tokenizers once loaded, when the model they belong to could not be. */
    void discard() {
        tokenizers.thenAccept(Tokenizers::close);
    }

    private static Tokenizers tokenizers(OnnxModelSpec spec) {
        HuggingFaceTokenizer modelInput = tokenizer(spec, true);
        try {
            return new Tokenizers(modelInput, tokenizer(spec, false));
        } catch (RuntimeException e) {
            modelInput.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer tokenizer(OnnxModelSpec spec, boolean forModelInput) {
        Map<String, String> options = new HashMap<>();
        options.put("padding", "false");
        options.put("addSpecialTokens", Boolean.toString(forModelInput));
        options.put("truncation", Boolean.toString(forModelInput));
        options.put("maxLength", Integer.toString(spec.maxTokens()));
        try (InputStream in = spec.openTokenizer()) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
