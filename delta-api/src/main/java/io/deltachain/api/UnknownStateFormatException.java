package io.deltachain.api;

/**
 * No state format with the requested id is known. JSON formats come with
 * {@code io.deltachain:delta-json}.
 */
public class UnknownStateFormatException extends UnknownProviderException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public UnknownStateFormatException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public UnknownStateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
