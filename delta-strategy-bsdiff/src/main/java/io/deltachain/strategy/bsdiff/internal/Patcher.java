package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;

/**
 * Rebuilds a new file from an old one and bsdiff control, diff and extra data, validating every
 * control triple against the old and new sizes before any byte is copied (the checks whose absence
 * made CVE-2014-9862 and CVE-2020-14315). Old bytes outside the old file add nothing, as in bspatch.
 */
public final class Patcher {
    /** Old positions beyond this distance from the old file are nonsense: no valid patch goes there. */
    private static final long FAR = 1L << 40;
    /** Diff and extra bytes are read at most this many at a time, so that memory follows real data. */
    private static final int CHUNK = 1 << 20;

    /** Supplies control values, eight bytes at a time. */
    public interface Control {
        /** @return whether another triple starts here */
        boolean hasNext();

        /**
         * @param field the field's name, for messages
         * @return the next value
         * @throws CorruptDeltaException when the control data ends inside a triple
         */
        long next(String field);
    }

    /** Supplies diff or extra bytes. */
    public interface Block {
        /**
         * Reads exactly {@code length} bytes.
         *
         * @param into destination
         * @param offset where to start writing
         * @param length how many bytes
         * @throws CorruptDeltaException when fewer remain
         */
        void read(byte[] into, int offset, int length);

        /**
         * bsdiff's diff step: reads exactly {@code length} bytes, each added to the old byte at
         * {@code oldPos} onwards (old bytes outside the old file add nothing), into a destination that
         * is still zero there. The default reads, then adds; a block that knows where its zero runs are
         * copies the old bytes there instead.
         *
         * @param into destination, zero in the range written
         * @param offset where to start writing
         * @param length how many bytes
         * @param old the old file
         * @param oldPos the old position of the first byte, possibly outside the old file
         * @throws CorruptDeltaException when fewer remain
         */
        default void readAdding(byte[] into, int offset, int length, byte[] old, long oldPos) {
            read(into, offset, length);
            addOld(into, offset, length, old, oldPos);
        }
    }

    private Patcher() {
    }

    /**
     * @param old the old file
     * @param newSize the size the patch claims for the new file
     * @param control the control triples
     * @param diff the diff block
     * @param extra the extra block
     * @param encodedBytes the patch's size, which with the old file's bounds the new size through
     *     {@link Limits#maxExpansionRatio()}
     * @param limits bounds on the new size
     * @param what the patch kind, for messages
     * @return the new file
     */
    public static byte[] apply(byte[] old, long newSize, Control control, Block diff, Block extra, long encodedBytes,
                               Limits limits, String what) {
        if (newSize < 0) {
            throw new CorruptDeltaException(what + " claims a negative new size (" + newSize + ")");
        }
        limits.checkStateSize(newSize, what + " new file");
        // Zero runs and bzip2 blocks make much from little: the claim must be within what the patch and
        // the old file could produce at the expansion ratio, before anything is allocated or decoded.
        limits.checkExpansion(newSize, encodedBytes, old.length, what + " (by the new size it claims)");
        Output out = new Output(newSize, old.length, what);
        long oldPos = 0;
        for (int triple = 0; out.size < newSize; triple++) {
            if (!control.hasNext()) {
                throw new CorruptDeltaException(what + ": the control data ends at new offset " + out.size + " of "
                        + newSize);
            }
            long add = control.next("add length of triple " + triple);
            long copy = control.next("copy length of triple " + triple);
            long seek = control.next("seek of triple " + triple);
            if (add < 0 || copy < 0) {
                throw new CorruptDeltaException(what + ": control triple " + triple + " has a negative length (add " + add
                        + ", copy " + copy + ")");
            }
            if (add > newSize - out.size) {
                throw new CorruptDeltaException(what + ": control triple " + triple + " adds " + add + " bytes at new offset "
                        + out.size + ", past the new size " + newSize);
            }
            for (long done = 0; done < add; ) { // in chunks: memory grows with the bytes the patch really holds
                int n = (int) Math.min(CHUNK, add - done);
                int at = out.reserve(n);
                diff.readAdding(out.bytes, at, n, old, oldPos + done);
                done += n;
            }
            oldPos += add;
            if (copy > newSize - out.size) {
                throw new CorruptDeltaException(what + ": control triple " + triple + " copies " + copy
                        + " bytes at new offset " + out.size + ", past the new size " + newSize);
            }
            for (long done = 0; done < copy; ) {
                int n = (int) Math.min(CHUNK, copy - done);
                int at = out.reserve(n); // before out.bytes: reserving may replace the array
                extra.read(out.bytes, at, n);
                done += n;
            }
            if (seek > Integer.MAX_VALUE || seek < -(long) Integer.MAX_VALUE * 2) {
                throw new CorruptDeltaException(what + ": control triple " + triple + " seeks " + seek
                        + " bytes, beyond any old file");
            }
            oldPos += seek;
            if (oldPos > FAR || oldPos < -FAR) {
                throw new CorruptDeltaException(what + ": control triple " + triple + " moves the old position to "
                        + oldPos + ", far outside any old file");
            }
            // Triples that produce nothing are legal (bsdiff writes them); their number is bounded by
            // the payload's size, which the caller's Limits bound.
        }
        return out.bytes;
    }

    /**
     * The new file as it is produced: sized at first for what a patch of this old file usually
     * makes, and grown (doubling, up to the claimed size, each growth checked against the free heap)
     * only as the control, diff and extra data really produce bytes. A patch that claims a huge new
     * file but holds little allocates little before it is refused.
     */
    private static final class Output {
        private final long claimed;
        private final String what;
        private byte[] bytes;
        private int size;

        Output(long claimed, int oldLength, String what) {
            this.claimed = claimed;
            this.what = what;
            long first = Math.min(claimed, (long) oldLength + CHUNK);
            HeapCheck.require(first, what + " of a " + claimed + "-byte file");
            bytes = new byte[(int) first];
        }

        /** @return where {@code n} more bytes go, after growing if need be; {@code size} counts them */
        int reserve(int n) {
            long needed = (long) size + n; // never above claimed: the caller checked add and copy against it
            if (needed > bytes.length) {
                long grown = Math.min(claimed, Math.max(needed, 2L * bytes.length));
                HeapCheck.require(grown, what + " of a " + claimed + "-byte file (" + size + " bytes made so far)");
                bytes = java.util.Arrays.copyOf(bytes, (int) grown);
            }
            int at = size;
            size += n;
            return at;
        }
    }

    /**
     * out[at + i] = old[oldPos + i] where the old position lies inside the old file, over a range of out
     * that is still zero: a zero run of the diff block, which adds to nothing but the old bytes.
     */
    public static void copyOld(byte[] out, int at, int length, byte[] old, long oldPos) {
        long from = Math.max(0, -oldPos);
        long to = Math.min(length, old.length - oldPos);
        if (from < to) {
            System.arraycopy(old, (int) (oldPos + from), out, at + (int) from, (int) (to - from));
        }
    }

    /** out[at + i] += old[oldPos + i] where the old position lies inside the old file. */
    public static void addOld(byte[] out, int at, int length, byte[] old, long oldPos) {
        // Clamp while still in long arithmetic: the old range may lie entirely outside the file.
        long from = Math.max(0, -oldPos);
        long to = Math.min(length, old.length - oldPos);
        if (from >= to) {
            return;
        }
        for (int i = (int) from; i < (int) to; i++) {
            out[at + i] += old[(int) (oldPos + i)];
        }
    }
}
