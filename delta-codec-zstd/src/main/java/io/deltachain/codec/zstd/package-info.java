/**
 * The {@code zstd} codec: Zstandard frames through zstd-jni, zstd's own levels, decoding bounded by
 * {@link io.deltachain.api.Limits}. Discovered through
 * {@code META-INF/services/io.deltachain.spi.Codec}; see {@link io.deltachain.codec.zstd.ZstdCodec}.
 */
package io.deltachain.codec.zstd;
