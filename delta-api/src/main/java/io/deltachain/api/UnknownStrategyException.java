package io.deltachain.api;

/**
 * No delta strategy with the requested id is on the class path (or registered). The message lists
 * the ids that are available, the artifact that provides the missing one when it is one of ours, and
 * any provider that failed to load.
 */
public class UnknownStrategyException extends UnknownProviderException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public UnknownStrategyException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public UnknownStrategyException(String message, Throwable cause) {
        super(message, cause);
    }
}
