package io.deltachain.core;

import io.deltachain.spi.DeltaStrategy;

/** One strategy's payload for a delta, before and after the codec: what {@code auto} compares. */
record EncodedDelta<S>(DeltaStrategy<S> strategy, byte[] payload, byte[] encoded) {
}
