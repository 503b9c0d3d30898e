package io.deltachain.api;

/**
 * Base type of the lookups that found no provider for an id: {@link UnknownStrategyException},
 * {@link UnknownCodecException} and {@link UnknownStateFormatException}.
 */
public class UnknownProviderException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public UnknownProviderException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public UnknownProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
