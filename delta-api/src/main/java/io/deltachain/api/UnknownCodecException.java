package io.deltachain.api;

/**
 * No codec with the requested id is on the class path (or registered). The message lists the codec
 * ids available and the artifact that provides the missing one when it is one of ours.
 */
public class UnknownCodecException extends UnknownProviderException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public UnknownCodecException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public UnknownCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
