/** Implementation detail of zstd-patch: the zstd frame with the old version as dictionary, the payload framing. */
package io.deltachain.strategy.zstdpatch.internal;
