/**
 * The {@code zstd-patch} strategy: the new version as a zstd frame with the old version as its
 * dictionary, whose native patches {@code zstd -d --patch-from=OLD} decodes. Discovered through
 * {@code META-INF/services/io.deltachain.spi.DeltaStrategy}; see
 * {@link io.deltachain.strategy.zstdpatch.ZstdPatchStrategy}.
 */
package io.deltachain.strategy.zstdpatch;
