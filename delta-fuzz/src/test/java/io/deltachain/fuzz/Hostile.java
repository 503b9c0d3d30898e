package io.deltachain.fuzz;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The contract every fuzz target keeps on every input: only {@link DeltaException} subtypes escape
 * (no {@link OutOfMemoryError}, {@link StackOverflowError} or unchecked exception of the JDK or a
 * library); what one input allocates stays within a bound; and no input runs longer than
 * {@link #MAX_MILLIS}. Two passes, two bounds: under the small {@link #LIMITS},
 * {@link #allocationBound} of the input's real size and those limits ({@link #check}); under
 * {@link Limits#defaults()}, whose byte limits are too large to bound anything a fuzzer could notice,
 * {@link #defaultsAllocationBound} of the input's and its base's sizes alone, through the expansion
 * ratio ({@link #checkUnderDefaults}). A failing input is written to {@code target/fuzz-failures/}
 * so it can become a regression input.
 */
final class Hostile {
    /**
     * The limits every target decodes under: small, so that a claim the decoders honour up to the
     * limit stays cheap, and a claim they fail to check shows up as an allocation far beyond it.
     */
    static final Limits LIMITS = Limits.defaults().withMaxPayloadBytes(4 << 20).withMaxStateBytes(4 << 20)
            .withMaxJsonDepth(64).withMaxNumberLength(200);
    /** A hang, not a slow input: generous, since the build machine may be busy. */
    static final long MAX_MILLIS = 20_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Hostile() {
    }

    /**
     * What one input may allocate: a small multiple of its real size, plus each byte limit a few
     * times over (a decoder may honour a claim up to the limit, and copy its result once or twice),
     * plus a fixed allowance for the target's own work.
     *
     * @param inputLength the input's real size
     * @return the bound, in bytes
     */
    static long allocationBound(int inputLength) {
        return 64L * inputLength + 6 * (LIMITS.maxPayloadBytes() + LIMITS.maxStateBytes()) + (64L << 20);
    }

    /**
     * What one input may allocate under {@link Limits#defaults()}: a few times what the expansion
     * ratio lets the input and its base produce ({@link Limits#maxExpandedBytes}: 1 MiB + 32,768 ×
     * (input + base)) — an output, a copy of it and the growth of its buffer — plus a fixed allowance
     * for the target's own work. No claim inside the input appears in it.
     *
     * @param inputLength the input's real size
     * @param baseLength the size of what the input is applied to
     * @return the bound, in bytes
     */
    static long defaultsAllocationBound(int inputLength, long baseLength) {
        return 4 * Limits.defaults().maxExpandedBytes(inputLength, baseLength) + (64L << 20);
    }

    /**
     * Runs {@code target} on {@code input} under {@link #LIMITS} and fails, naming the input, when the
     * contract breaks.
     *
     * @param target the target
     * @param input the bytes
     * @return whether the target accepted the input (false: it was refused with a DeltaException)
     */
    static boolean check(FuzzTarget target, byte[] input) {
        return check(target, input, LIMITS, allocationBound(input.length));
    }

    /**
     * Runs {@code target} on {@code input} under {@link Limits#defaults()}, allocating within
     * {@link #defaultsAllocationBound}, and fails, naming the input, when the contract breaks.
     *
     * @param target the target
     * @param input the bytes
     * @return whether the target accepted the input
     */
    static boolean checkUnderDefaults(FuzzTarget target, byte[] input) {
        return check(target, input, Limits.defaults(), defaultsAllocationBound(input.length, target.baseLength()));
    }

    private static boolean check(FuzzTarget target, byte[] input, Limits limits, long bound) {
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        boolean accepted;
        try {
            target.run(input, limits);
            accepted = true;
        } catch (DeltaException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw fail(target, input, "refused without a message: " + refused.getClass().getName(), refused);
            }
            accepted = false;
        } catch (Throwable e) { // the point: anything but a DeltaException is a fault
            throw fail(target, input, "threw " + e, e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
        if (allocated > bound) {
            throw fail(target, input, "allocated " + (allocated >> 20) + " MiB for " + input.length
                    + " bytes of input under " + (limits == LIMITS ? "the small limits" : "the default limits")
                    + " (bound " + (bound >> 20) + " MiB)", null);
        }
        if (millis > MAX_MILLIS) {
            throw fail(target, input, "ran " + millis + " ms (bound " + MAX_MILLIS + " ms)", null);
        }
        return accepted;
    }

    private static AssertionError fail(FuzzTarget target, byte[] input, String what, Throwable cause) {
        CRC32 crc = new CRC32();
        crc.update(input);
        String id = target.name() + "-" + Long.toHexString(crc.getValue());
        Path saved = Path.of("target", "fuzz-failures", target.name(), id);
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String head = HexFormat.of().formatHex(input, 0, Math.min(input.length, 48));
        return new AssertionError(target.name() + " " + what + "; input " + input.length + " bytes, starting " + head
                + (input.length > 48 ? "..." : "") + ", saved as " + saved.toAbsolutePath()
                + " (copy it into src/test/resources/io/deltachain/fuzz/FuzzTargetsTestInputs/"
                + Targets.methodName(target.name()) + "/ to keep it as a regression input)", cause);
    }
}
