package io.deltachain.strategy.zstdpatch.internal;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;

/** The heap check made before a zstd-patch allocates its output. */
final class Memory {
    private Memory() {
    }

    /**
     * @param bytes heap the step allocates
     * @param work the step, for the message
     * @throws LimitExceededException ({@link Limit#HEAP}) when even a collection leaves too little
     */
    static void requireHeap(long bytes, String work) {
        long free = free();
        if (bytes <= free) {
            return;
        }
        System.gc(); // only when short: what stands in the way may be garbage
        free = free();
        if (bytes > free) {
            throw new LimitExceededException(Limit.HEAP, bytes, free, work + " needs " + (bytes >> 20)
                    + " MiB of heap for its output; " + (free >> 20) + " MiB are free");
        }
    }

    private static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
