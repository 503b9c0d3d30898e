package io.deltachain.strategy.bsdiff.internal;

/**
 * Finds how to build a new file from an old one as bsdiff control triples. The seam where faster
 * matchers (block hashing before the suffix array) plug in; every matcher's output is valid for
 * every encoder.
 */
public interface Matcher {
    /**
     * @param oldData the old file
     * @param newData the new file
     * @return the delta blocks
     */
    DeltaBlocks match(byte[] oldData, byte[] newData);

    /**
     * @param oldSize bytes in the old file
     * @param newSize bytes in the new file
     * @return an upper bound of the heap {@link #match} needs beyond the two inputs, in bytes
     */
    long peakBytes(long oldSize, long newSize);
}
