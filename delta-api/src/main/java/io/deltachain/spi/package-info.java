/**
 * What providers implement: {@link io.deltachain.spi.DeltaStrategy} computes and applies deltas
 * between states of one {@link io.deltachain.spi.StateFormat}, optionally in a
 * {@link io.deltachain.spi.NativeFormat} that other tools read; {@link io.deltachain.spi.Codec}
 * compresses record payloads. Providers are found by {@link io.deltachain.api.DeltaRegistry} with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.deltachain.spi.DeltaStrategy} and so on).
 *
 * <p>Users of the library need this package only to name a state format or a strategy; the types
 * they configure and catch live in {@link io.deltachain.api}. The two packages refer to each other,
 * as {@code org.slf4j} and {@code org.slf4j.spi} do, and together make up {@code delta-api}, which
 * depends on the JDK only.
 */
package io.deltachain.spi;
