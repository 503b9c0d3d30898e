/**
 * The core of Deltachain: {@link io.deltachain.core.DeltaRecord}, {@link io.deltachain.core.DeltaCompressor}
 * (with its {@link io.deltachain.core.CompressionStats}), {@link io.deltachain.core.DeltaChain} with its
 * {@link io.deltachain.core.ChainPolicy} and its {@link io.deltachain.core.ChainStore} port, and the
 * {@code none} and {@code auto} meta-strategies ({@link io.deltachain.core.AutoSelection} holds
 * {@code auto}'s rules). Strategies and codecs are reached only through
 * {@link io.deltachain.api.DeltaRegistry}; start at {@link io.deltachain.core.Deltas}.
 */
package io.deltachain.core;
