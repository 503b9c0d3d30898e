package io.deltachain.core;

import io.deltachain.api.DeltaException;

/**
 * A chain was asked for a version it does not hold: an index below 0 or at or past
 * {@link DeltaChain#length()}, or any version of an empty chain.
 */
public class VersionNotFoundException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public VersionNotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public VersionNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
