/**
 * Contract tests for Deltachain strategies and codecs, for the project's own modules and for
 * anyone who writes a {@link io.deltachain.spi.DeltaStrategy} or {@link io.deltachain.spi.Codec}.
 *
 * <p>Add {@code io.deltachain:delta-testkit} and a JUnit Jupiter engine with test scope, then
 * extend {@link io.deltachain.testkit.DeltaStrategyContract} (supplying the strategy, a seeded
 * {@link io.deltachain.testkit.StatePairs} generator and the empty state) or
 * {@link io.deltachain.testkit.CodecContract} (supplying the codec). The inherited {@code @Test}
 * methods check round trips, determinism, that bad input gives a
 * {@link io.deltachain.api.DeltaException} subtype and nothing else, bounded decoding, and
 * thread safety.
 *
 * <p>Every check is driven by one seed from {@link java.util.Random}; a failure message says
 * {@code seed=N (rerun with -Ddeltachain.seed=N)}, and setting that property replays the same
 * inputs.
 */
package io.deltachain.testkit;
