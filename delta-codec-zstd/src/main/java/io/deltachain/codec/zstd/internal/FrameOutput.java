package io.deltachain.codec.zstd.internal;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.util.Arrays;

/**
 * Decoded bytes so far, in an array that grows only after the size it is asked for has been checked
 * against the limit, the largest Java array and the free heap. Not thread-safe: one per decode.
 */
public final class FrameOutput {
    /** Arrays a little below {@link Integer#MAX_VALUE} are the largest every VM can allocate. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Limits limits;
    private final int encodedLength;
    private final long limit;
    private final String what;
    private byte[] bytes = new byte[0];
    private int length;

    /**
     * @param limits the bounds: the output may hold at most {@link Limits#maxDecodedBytes(long)}
     * @param encodedLength the size of the encoded input, which bounds the output through
     *     {@link Limits#maxExpansionRatio()}
     * @param what what is decoded, for messages, e.g. "zstd payload"
     */
    public FrameOutput(Limits limits, int encodedLength, String what) {
        this.limits = limits;
        this.encodedLength = encodedLength;
        this.limit = limits.maxDecodedBytes(encodedLength);
        this.what = what;
    }

    /** @return the most bytes the output may hold */
    public long limit() {
        return limit;
    }

    /** @return the array being filled; valid until the next call that grows it */
    public byte[] bytes() {
        return bytes;
    }

    /** @return how many bytes are decoded */
    public int length() {
        return length;
    }

    /**
     * Makes room for exactly {@code size} more bytes, a frame's claimed content size.
     *
     * @param size bytes about to be decoded
     * @param where which frame claims them, for the message
     * @throws LimitExceededException when the output would pass the limit or not fit the heap
     */
    public void reserve(long size, String where) {
        long total = length + size;
        if (total > limit) {
            if (limit < limits.maxPayloadBytes()) {
                // throws; nothing is allocated for the claim
                limits.checkExpansion(total, encodedLength, 0, what + " (by the header of " + where.replace(": ", "")
                        + ")");
            }
            throw new LimitExceededException(Limit.PAYLOAD_BYTES, total, limit, what + ": " + where + "the header"
                    + " claims " + size + " decoded bytes" + (length > 0 ? ", " + total + " with those before it" : "")
                    + ", above the limit of " + limit + " (Limits.maxPayloadBytes); nothing was allocated for them");
        }
        if (total > MAX_ARRAY) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, total, MAX_ARRAY, what + ": " + where + total
                    + " decoded bytes do not fit a Java array");
        }
        grow((int) total);
    }

    /** @param produced bytes just written after {@link #length()} */
    public void advance(int produced) {
        length += produced;
    }

    /**
     * @param total bytes the output would hold, counted but not stored
     * @throws LimitExceededException when they pass the limit
     */
    public void checkTotal(long total) {
        if (total > limit) {
            throw tooLarge();
        }
    }

    /** @throws LimitExceededException when the output has passed the limit */
    public void checkLimit() {
        if (length > limit) {
            throw tooLarge();
        }
    }

    /** @return the decoded bytes, the array itself when it is full */
    public byte[] toByteArray() {
        checkLimit();
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /**
     * Refuses to allocate what the heap cannot hold, before trying (an {@link OutOfMemoryError} half-way
     * would leave the caller nothing to act on).
     *
     * @param bytes about to be allocated
     * @param work what needs them, for the message
     * @throws LimitExceededException naming {@link Limit#HEAP}
     */
    public static void requireHeap(long bytes, String work) {
        Limits.requireHeap(bytes, work);
    }

    private void grow(int capacity) {
        if (capacity <= bytes.length) {
            return;
        }
        requireHeap(capacity, what);
        bytes = Arrays.copyOf(bytes, capacity);
    }

    private LimitExceededException tooLarge() {
        if (limit < limits.maxPayloadBytes()) {
            limits.checkExpansion(limit + 1, encodedLength, 0, what); // throws: limit + 1 is above it
        }
        if (limit >= MAX_ARRAY) {
            return new LimitExceededException(Limit.ARRAY_SIZE, (long) MAX_ARRAY + 1, MAX_ARRAY, what
                    + " decodes to more bytes than a Java array can hold");
        }
        return new LimitExceededException(Limit.PAYLOAD_BYTES, limit + 1, limit, what + " decodes to more than "
                + limit + " bytes, above the limit of " + limit + " (Limits.maxPayloadBytes); decoding stopped there");
    }
}
