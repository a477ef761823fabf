package dev.quarry.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch's model inputs, each row padded to the longest. They are written straight into direct buffers, which ONNX
 * Runtime reads in place; from a heap array it would copy them into a direct buffer of its own first.
 */
final class InputTensors implements AutoCloseable {

    private final Map<String, OnnxTensor> tensors = new HashMap<>(4);

    InputTensors(OrtEnvironment env, long[][] rows, int width, boolean withTokenTypes) throws OrtException {
        LongBuffer ids = direct(rows.length * width);
        LongBuffer mask = direct(rows.length * width);
        for (int r = 0; r < rows.length; r++) {
            ids.put(r * width, rows[r]);
            for (int t = 0; t < rows[r].length; t++) mask.put(r * width + t, 1L);
        }
        long[] shape = {rows.length, width};
        try {
            tensors.put("input_ids", OnnxTensor.createTensor(env, ids, shape));
            tensors.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
            // One sequence per row: its type ids are all zero, as a new direct buffer is.
            if (withTokenTypes) tensors.put("token_type_ids", OnnxTensor.createTensor(env, direct(rows.length * width), shape));
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Map<String, OnnxTensor> map() {
        return tensors;
    }

    private static LongBuffer direct(int longs) {
        return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
    }
}
