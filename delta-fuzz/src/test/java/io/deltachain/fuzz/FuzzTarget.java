package io.deltachain.fuzz;

import io.deltachain.api.Limits;
import java.util.List;

/**
 * One decoder or apply path fed untrusted bytes.
 *
 * <p>{@link #run} must return normally or throw a {@link io.deltachain.api.DeltaException} subtype;
 * {@link Hostile#check} enforces the rest of the contract (allocation, time, and that whatever it
 * accepted is what the input really encodes).
 */
interface FuzzTarget {
    /** @return a short name: the Jazzer method and corpus directory of this target */
    String name();

    /** @return valid inputs, the starting points of mutation */
    List<byte[]> seeds();

    /**
     * @return the most bytes an input is applied to besides itself (the base state, or the rest of a
     *     stored chain): with the input's size, what the expansion ratio lets it produce; 0 for a codec
     */
    long baseLength();

    /**
     * @param input untrusted bytes
     * @param limits the limits to decode and apply under
     * @throws io.deltachain.api.DeltaException when the input is refused, the only exception allowed
     */
    void run(byte[] input, Limits limits);
}
