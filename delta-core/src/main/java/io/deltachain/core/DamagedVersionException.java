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
    private final String reason;

    /**
     * @param version the version that cannot be read
     * @param message what went wrong, where, and what to do
     * @param cause the fault found in the record or snapshot
     */
    public DamagedVersionException(int version, String message, Throwable cause) {
        this(version, message, message, cause);
    }

    /**
     * @param version the version that cannot be read
     * @param message what went wrong, where, and what to do
     * @param reason what went wrong and where only, for callers that say what to do in their own words
     * @param cause the fault found in the record or snapshot
     */
    public DamagedVersionException(int version, String message, String reason, Throwable cause) {
        super(message, cause);
        this.version = version;
        this.reason = reason;
    }

    /** @return the version that cannot be read */
    public int version() {
        return version;
    }

    /**
     * @return why the version cannot be read, naming the damaged record or snapshot and where it is, without
     *     "version N cannot be read" and without the advice of {@link #getMessage()} (which names API methods): a
     *     command-line tool adds its own
     */
    public String reason() {
        return reason;
    }
}
