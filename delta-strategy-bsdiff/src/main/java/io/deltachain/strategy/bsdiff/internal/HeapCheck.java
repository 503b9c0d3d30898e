package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.api.Limits;

/** Refuses work that would not fit the heap, before allocating, instead of an OutOfMemoryError half-way. */
public final class HeapCheck {
    private HeapCheck() {
    }

    /**
     * @param bytes the heap the work needs beyond what is allocated now
     * @param what the work, for the message
     * @throws LimitExceededException when the heap cannot hold it even after a collection
     */
    public static void require(long bytes, String what) {
        Limits.requireHeap(bytes, what);
    }
}
