package io.deltachain.core;

import io.deltachain.api.DeltaException;

/**
 * A {@link ChainStore} could not read or write: an I/O error, a missing file, or a store that
 * holds no chain (or already holds one). The message names the path or index.
 */
public class ChainStoreException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public ChainStoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public ChainStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
