/**
 * The service provider interfaces of Deltachain and the registry that discovers them.
 *
 * <p>{@link io.deltachain.spi.DeltaStrategy} computes and applies deltas between states of one
 * {@link io.deltachain.spi.StateFormat}; {@link io.deltachain.spi.Codec} compresses record payloads;
 * {@link io.deltachain.spi.DeltaRegistry} finds both with {@link java.util.ServiceLoader}.
 * Every failure is a {@link io.deltachain.spi.DeltaException} subtype. This package depends on
 * the JDK only.
 */
package io.deltachain.spi;
