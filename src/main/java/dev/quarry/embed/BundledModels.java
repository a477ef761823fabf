package dev.quarry.embed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The models that ship inside Maven artifacts, so Quarry embeds with no network. */
public final class BundledModels {

    /**
     * The int8 model: on the shared collections it lost at most 0.004 nDCG@10 against fp32 (and gained 0.007 on
     * MED) while embedding 1.6 times faster (BENCHMARKS.md).
     */
    public static final String DEFAULT = "bge-small-en-v1.5-q";

    private static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    // Their dimensions are declared so that an index can open while the model loads; loading checks them.
    private static final List<OnnxModelSpec> ALL = List.of(
            new OnnxModelSpec("bge-small-en-v1.5", "classpath:/bge-small-en-v1.5.onnx",
                    "classpath:/bge-small-en-v1.5-tokenizer.json", Pooling.CLS, BGE_QUERY_PREFIX, "", 512, 384),
            new OnnxModelSpec("bge-small-en-v1.5-q", "classpath:/bge-small-en-v1.5-q.onnx",
                    "classpath:/bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, BGE_QUERY_PREFIX, "", 512, 384),
            // sentence-transformers trains and serves MiniLM with 256 tokens; longer inputs are truncated there too.
            new OnnxModelSpec("all-minilm-l6-v2", "classpath:/all-minilm-l6-v2.onnx",
                    "classpath:/all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, "", "", 256, 384));

    private static final Map<String, OnnxModelSpec> BY_ID =
            ALL.stream().collect(Collectors.toMap(OnnxModelSpec::id, Function.identity()));

    private BundledModels() {
    }

    public static Optional<OnnxModelSpec> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public static List<String> ids() {
        return ALL.stream().map(OnnxModelSpec::id).toList();
    }
}
