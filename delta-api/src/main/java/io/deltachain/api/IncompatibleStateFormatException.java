package io.deltachain.api;

/**
 * A strategy was asked to work on a state format it does not handle, for example the {@code text}
 * strategy on raw bytes. Strategies on {@code bytes} adapt to every format; others do not.
 */
public class IncompatibleStateFormatException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public IncompatibleStateFormatException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public IncompatibleStateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
