package io.deltachain.api;

/**
 * Two discovered providers claim the same id and neither was registered explicitly. Deltachain
 * never picks one silently; the message names both classes and their jars.
 */
public class DuplicateProviderException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public DuplicateProviderException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public DuplicateProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
