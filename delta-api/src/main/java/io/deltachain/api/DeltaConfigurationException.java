package io.deltachain.api;

/**
 * A setting is out of range or inconsistent: a codec level outside the codec's range, a chain
 * length below its minimum, a builder missing a required part.
 */
public class DeltaConfigurationException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public DeltaConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public DeltaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
