package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;

/**
 * The three parts of a bsdiff delta, uncompressed: control triples (add {@code x} bytes from the
 * diff block to old bytes, copy {@code y} bytes from the extra block, move the old position by
 * {@code z}), the diff block and the extra block. Built by a {@link Matcher}; encoded by
 * {@link PayloadFormat} or {@link Bsdiff40Format}.
 */
public final class DeltaBlocks {
    private final int newSize;
    private long[] control;
    private int controlLength;
    private final byte[] diff;
    private int diffLength;
    private byte[] extra;
    private int extraLength;
    /** Diff bytes final so far, for a consumer on another thread (see {@link #awaitDiff}). */
    private volatile int publishedDiff;
    private volatile boolean complete;

    /** @param newSize the size of the file the delta produces */
    public DeltaBlocks(int newSize) {
        this.newSize = newSize;
        this.control = new long[48];
        this.diff = new byte[newSize];
        // Extra bytes are new data with no match, usually a small part: grow on demand.
        this.extra = new byte[Math.min(newSize, 1 << 16)];
    }

    /**
     * Appends one control triple with its diff and extra bytes.
     *
     * @param oldData the old file
     * @param oldPos where the added bytes start in the old file
     * @param newData the new file
     * @param newPos where the triple starts in the new file
     * @param add bytes produced by adding old and diff bytes
     * @param copy bytes copied from the extra block after them
     * @param seek how far the old position moves after both
     */
    public void add(byte[] oldData, int oldPos, byte[] newData, int newPos, int add, int copy, long seek) {
        if (add == 0 && copy == 0 && controlLength >= 3) {
            control[controlLength - 1] += seek; // a triple that produces nothing only moves the old position
            return;
        }
        if (add == 0 && copy == 0 && seek == 0) {
            return; // a first triple that does nothing at all
        }
        if (controlLength + 3 > control.length) {
            control = Arrays.copyOf(control, control.length * 2);
        }
        control[controlLength++] = add;
        control[controlLength++] = copy;
        control[controlLength++] = seek;
        // The diff block starts zeroed, and equal bytes differ by zero: write only where they differ.
        for (int i = 0; i < add; ) {
            int same = Arrays.mismatch(newData, newPos + i, newPos + add, oldData, oldPos + i, oldPos + add);
            if (same < 0) {
                break;
            }
            i += same;
            diff[diffLength + i] = (byte) (newData[newPos + i] - oldData[oldPos + i]);
            i++;
        }
        diffLength += add;
        if (extraLength + copy > extra.length) {
            extra = Arrays.copyOf(extra, (int) Math.min(newSize, Math.max(2L * extra.length, (long) extraLength + copy)));
        }
        System.arraycopy(newData, newPos + add, extra, extraLength, copy);
        extraLength += copy;
        publishedDiff = diffLength;
    }

    /** Marks the blocks complete: no triple follows. */
    void complete() {
        publishedDiff = diffLength; // before the flag: a reader that sees the flag sees the final length
        complete = true;
    }

    /**
     * For a consumer on another thread: waits until more diff bytes than {@code have} are final, or
     * the blocks are complete.
     *
     * @param have diff bytes the consumer has taken
     * @return diff bytes final now; equal to {@code have} only when the blocks are complete
     */
    int awaitDiff(int have) {
        while (true) {
            boolean done = complete;
            int now = publishedDiff;
            if (now > have || done) {
                return now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    /** @return the size of the new file */
    public int newSize() {
        return newSize;
    }

    /** @return the number of control triples */
    public int triples() {
        return controlLength / 3;
    }

    /**
     * @param i a triple index
     * @param field 0 for add, 1 for copy, 2 for seek
     * @return that value
     */
    public long control(int i, int field) {
        return control[i * 3 + field];
    }

    /** @return the diff block (shared, do not modify); its first {@link #diffLength()} bytes count */
    public byte[] diff() {
        return diff;
    }

    /** @return the length of the diff block */
    public int diffLength() {
        return diffLength;
    }

    /** @return the extra block (shared, do not modify); its first {@link #extraLength()} bytes count */
    public byte[] extra() {
        return extra;
    }

    /** @return the length of the extra block */
    public int extraLength() {
        return extraLength;
    }
}
