package io.deltachain.strategy.bsdiff.internal;

/**
 * Finds how to build a new file from an old one as bsdiff control triples. The seam where faster
 * matchers (block hashing before the suffix array) plug in; every matcher's output is valid for
 * every encoder.
 */
public interface Matcher {
    /**
     * Appends the delta's triples to {@code into}, publishing diff bytes as they become final (so that
     * an encoder on another thread can compress them while matching goes on), and completes it.
     *
     * @param oldData the old file
     * @param newData the new file
     * @param into empty blocks sized for {@code newData}
     */
    void match(byte[] oldData, byte[] newData, DeltaBlocks into);

    /**
     * @param oldData the old file
     * @param newData the new file
     * @return the delta blocks
     */
    default DeltaBlocks match(byte[] oldData, byte[] newData) {
        DeltaBlocks blocks = new DeltaBlocks(newData.length);
        match(oldData, newData, blocks);
        return blocks;
    }

    /**
     * @param oldSize bytes in the old file
     * @param newSize bytes in the new file
     * @return an upper bound of the heap {@link #match} needs beyond the two inputs, in bytes
     */
    long peakBytes(long oldSize, long newSize);
}
