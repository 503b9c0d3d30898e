package io.deltachain.core;

import java.util.List;

/**
 * The outcome of {@link DeltaChain#verify()}: every CRC re-read from the store and every hash
 * re-checked by replaying the chain.
 *
 * @param versionsChecked versions whose state was rebuilt and matched its hash
 * @param problems one line per fault, naming the version; empty when the chain is sound
 */
public record ChainVerification(int versionsChecked, List<String> problems) {
    /** Copies the problem list. */
    public ChainVerification {
        problems = List.copyOf(problems);
    }

    /** @return whether no fault was found */
    public boolean ok() {
        return problems.isEmpty();
    }
}
