package io.deltachain.api;

/**
 * A delta was applied to a state it was not made from (its base hash differs), the result of an
 * apply did not hash to the recorded target, or records that should be contiguous are not.
 */
public class StateMismatchException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public StateMismatchException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public StateMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
