package io.deltachain.strategy.zstdpatch.internal;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.lang.management.ManagementFactory;

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
        Limits.requireHeap(bytes, work);
    }

    /**
     * @param bytes native memory zstd will allocate (tables and its copy of the old version)
     * @param work the step, for the message
     * @throws LimitExceededException ({@link Limit#HEAP}) when that exceeds the machine's physical memory
     */
    static void requireNative(long bytes, String work) {
        long physical = physical();
        if (physical > 0 && bytes > physical) {
            throw new LimitExceededException(Limit.HEAP, bytes, physical, work + " needs about " + (bytes >> 20)
                    + " MiB of native memory for zstd's tables and its copy of the old version; this machine has "
                    + (physical >> 20) + " MiB: use a lower level (levels 1 to 12 need the least) or strategy bsdiff");
        }
    }

    /** @return the machine's physical memory, or 0 where the platform does not say */
    private static long physical() {
        // through the JDK's exported interface, by reflection: strategies depend on java.* only
        try {
            Object size = Class.forName("com.sun.management.OperatingSystemMXBean").getMethod("getTotalMemorySize")
                    .invoke(ManagementFactory.getOperatingSystemMXBean());
            return size instanceof Long bytes ? bytes : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0; // another JVM: no check
        }
    }
}
