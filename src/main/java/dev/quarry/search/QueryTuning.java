package dev.quarry.search;

import java.util.function.UnaryOperator;

/**
 * How a collection's searches are tuned: {@code queryVectors} moves each query's embedding before the vector search
 * (a learned adapter), and {@code fusion} is the hybrid fusion used when a query does not choose one.
 */
public record QueryTuning(UnaryOperator<float[]> queryVectors, FusionSettings fusion) {
}
