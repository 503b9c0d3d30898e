/** Implementation detail of the {@code bsdiff} strategy: suffix array, matcher, payload and BSDIFF40 codecs. */
package io.deltachain.strategy.bsdiff.internal;
