/** The {@code bsdiff} strategy: binary deltas, BSDIFF40. See {@link io.deltachain.strategy.bsdiff.BsdiffStrategy}. */
package io.deltachain.strategy.bsdiff;
