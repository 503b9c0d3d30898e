/**
 * The core of Deltachain: {@link io.deltachain.core.DeltaRecord}, {@link io.deltachain.core.DeltaCompressor},
 * {@link io.deltachain.core.DeltaChain} and its {@link io.deltachain.core.ChainStore} port, and the
 * {@code none} and {@code auto} meta-strategies. Strategies and codecs are reached only through
 * {@link io.deltachain.api.DeltaRegistry}; start at {@link io.deltachain.core.Deltas}.
 */
package io.deltachain.core;
