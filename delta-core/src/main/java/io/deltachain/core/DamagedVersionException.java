package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;

/**
 * A version of a chain cannot be read because a record or snapshot it depends on is damaged (bad
 * CRC, missing file, a hash that does not match). The message names the version asked for, the
 * damaged record or snapshot and, where the store can tell, its file. Only the versions that depend
 * on the damaged bytes fail: {@link DeltaChain#damagedVersions()} lists them, the others still read.
 */
public class DamagedVersionException extends CorruptDeltaException {
    private static final long serialVersionUID = 1L;

    private final int version;

    /**
     * @param version the version that cannot be read
     * @param message what went wrong, where, and what to do
     * @param cause the fault found in the record or snapshot
     */
    public DamagedVersionException(int version, String message, Throwable cause) {
        super(message, cause);
        this.version = version;
    }

    /** @return the version that cannot be read */
    public int version() {
        return version;
    }
}
