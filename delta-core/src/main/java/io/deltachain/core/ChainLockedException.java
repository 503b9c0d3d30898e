package io.deltachain.core;

import java.util.OptionalLong;

/**
 * A writer could not take a chain store's writer lock within its timeout: another writer (this process
 * or another) holds it. The message names the store and, where known, the holder's process id.
 */
public class ChainLockedException extends ChainStoreException {
    private static final long serialVersionUID = 1L;

    private final String store;
    private final long holderPid;

    /**
     * @param message what went wrong and what to do
     * @param store the store (for a directory store, its directory)
     * @param holderPid the process holding the lock, or -1 when unknown
     */
    public ChainLockedException(String message, String store, long holderPid) {
        super(message);
        this.store = store;
        this.holderPid = holderPid;
    }

    /** @return the locked store, as its {@code toString} or directory names it */
    public String store() {
        return store;
    }

    /** @return the process holding the lock, when the store could tell */
    public OptionalLong holderPid() {
        return holderPid < 0 ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }
}
