package io.deltachain.core;

import java.util.List;

/**
 * The outcome of {@link DeltaChain#verify()}: every CRC re-read from the store and every hash
 * re-checked by replaying the chain.
 *
 * @param versionsChecked versions whose state was rebuilt and matched its hash
 * @param problems one line per fault, naming the version; empty when the chain is sound
 * @param notes one line per thing found that is not a fault but that its owner should know (e.g. a
 *     whole version in the store that no index entry counts, which the next write drops)
 */
public record ChainVerification(int versionsChecked, List<String> problems, List<String> notes) {
    /** Copies the lists. */
    public ChainVerification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /**
     * @param versionsChecked versions whose state was rebuilt and matched its hash
     * @param problems one line per fault
     */
    public ChainVerification(int versionsChecked, List<String> problems) {
        this(versionsChecked, problems, List.of());
    }

    /** @return whether no fault was found */
    public boolean ok() {
        return problems.isEmpty();
    }
}
