package io.deltachain.api;

/**
 * The operation is well formed but the strategy cannot do it, for example composing two patches
 * with a strategy that cannot compose, or merging records made by different strategies.
 */
public class UnsupportedDeltaOperationException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public UnsupportedDeltaOperationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public UnsupportedDeltaOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
