/** Implementation detail of the zstd codec: loading zstd-jni's native library, bounded output. */
package io.deltachain.codec.zstd.internal;
