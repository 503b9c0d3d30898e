package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;

/**
 * A record cannot be given whole because its base hash is kept in the record before it, which does not read
 * (or is not the record it follows: the index entry before points at another frame):
 * a directory store of format 4 keeps only the first 4 bytes of a record's base hash when it is the target
 * hash of the record of the version before (docs/FORMAT.md, "Record frame, version 2"). The record's own
 * bytes are whole; the versions it serves rebuild through the damaged record anyway, so they are lost with
 * it, and a verification names that record's damage, not this one's.
 */
public class PrecedingRecordUnreadableException extends CorruptDeltaException {
    private static final long serialVersionUID = 1L;
    private final int version;

    /**
     * @param version the version whose record cannot be given whole
     * @param message what went wrong, where, and what to do
     * @param cause why the record before does not read, or null
     */
    public PrecedingRecordUnreadableException(int version, String message, Throwable cause) {
        super(message, cause);
        this.version = version;
    }

    /** @return the version whose record cannot be given whole (the damaged record is the one before it) */
    public int version() {
        return version;
    }
}
