package io.deltachain.fuzz;

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
     * @param input untrusted bytes
     * @throws io.deltachain.api.DeltaException when the input is refused, the only exception allowed
     */
    void run(byte[] input);
}
