/**
 * The {@code gzip} codec: RFC 1952 gzip with deterministic headers and decoding bounded by
 * {@link io.deltachain.api.Limits}. Discovered through
 * {@code META-INF/services/io.deltachain.spi.Codec}; see {@link io.deltachain.codec.gzip.GzipCodec}.
 */
package io.deltachain.codec.gzip;
