package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;

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
        if (bytes <= available()) {
            return;
        }
        System.gc(); // only on the failure path: garbage may be what stands in the way
        long available = available();
        if (bytes > available) {
            throw new LimitExceededException(Limit.HEAP, bytes, available, what + " needs about " + mib(bytes)
                    + " MiB of heap, but only " + mib(available) + " MiB of " + mib(Runtime.getRuntime().maxMemory())
                    + " MiB are free");
        }
    }

    private static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
