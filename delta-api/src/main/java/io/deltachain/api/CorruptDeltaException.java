package io.deltachain.api;

/**
 * Bytes that should hold a record, payload, snapshot or patch are malformed: bad magic, bad
 * checksum, a length that does not fit, a value a decoder cannot read. The message names the offset
 * or field.
 */
public class CorruptDeltaException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public CorruptDeltaException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public CorruptDeltaException(String message, Throwable cause) {
        super(message, cause);
    }
}
