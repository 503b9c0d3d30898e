package io.deltachain.core;

import java.util.Optional;

/**
 * A write was refused because another writer moved the chain's head since this chain last saw it: a
 * chain in strict mode ({@link DeltaChain.Builder#strictAppends(boolean)}) refuses rather than re-reading
 * the head, and a store refuses an append whose manifest does not follow the stored head. Nothing was
 * written; reopen the chain to see the other writer's versions.
 */
public class ConcurrentAppendException extends ChainStoreException {
    private static final long serialVersionUID = 1L;

    private final ChainManifest expected;
    private final ChainManifest found;

    /**
     * @param message what went wrong and what to do
     * @param expected the head the writer last saw, or null when it saw none
     * @param found the head the store holds, or null when it holds none
     */
    public ConcurrentAppendException(String message, ChainManifest expected, ChainManifest found) {
        super(message);
        this.expected = expected;
        this.found = found;
    }

    /** @return the head the writer last saw, empty when it saw no chain */
    public Optional<ChainManifest> expected() {
        return Optional.ofNullable(expected);
    }

    /** @return the head the store holds, empty when it holds no chain */
    public Optional<ChainManifest> found() {
        return Optional.ofNullable(found);
    }
}
