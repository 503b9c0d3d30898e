package io.deltachain.api;

/**
 * An input would need more memory or depth than the caller's {@link Limits} allow: a decoded
 * payload, a state, a JSON nesting depth or a number literal. The message names the limit and how to
 * raise it.
 */
public class LimitExceededException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public LimitExceededException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public LimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
