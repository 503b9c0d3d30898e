package io.deltachain.core;

/**
 * What a {@link DeltaCompressor} has done so far. An immutable value; {@link #plus} adds two.
 *
 * @param diffs records made
 * @param applies records applied
 * @param merges merges done
 * @param rawBytes canonical bytes of the targets of the records made
 * @param storedBytes encoded payload bytes of the records made
 * @param nanos time spent making records, in nanoseconds
 * @param skippedCandidates {@code auto} candidates that failed and were skipped
 */
public record CompressionStats(long diffs, long applies, long merges, long rawBytes, long storedBytes, long nanos,
                               long skippedCandidates) {

    /** Statistics of a compressor that has done nothing. */
    public static final CompressionStats ZERO = new CompressionStats(0, 0, 0, 0, 0, 0, 0);

    /** @return raw bytes over stored bytes, a ratio of sums (1.0 when nothing was stored) */
    public double ratio() {
        return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
    }

    /**
     * @param other more statistics
     * @return the sum of both
     */
    public CompressionStats plus(CompressionStats other) {
        return new CompressionStats(diffs + other.diffs, applies + other.applies, merges + other.merges,
                rawBytes + other.rawBytes, storedBytes + other.storedBytes, nanos + other.nanos,
                skippedCandidates + other.skippedCandidates);
    }
}
