package dev.quarry.index.lucene;

import dev.quarry.index.HnswSettings;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Lucene's default codec with the HNSW graph shaped by Quarry's settings. Segments record their vector format by
 * name, so an index written with any settings, or with segments of both formats, reads back with the default codec.
 */
final class HnswCodec {

    private HnswCodec() {
    }

    static Codec of(HnswSettings settings) {
        KnnVectorsFormat format = switch (settings.vectors()) {
            case FLOAT -> new Lucene99HnswVectorsFormat(settings.m(), settings.beamWidth());
            case INT7 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, settings.m(),
                    settings.beamWidth());
        };
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
