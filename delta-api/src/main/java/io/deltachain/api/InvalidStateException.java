package io.deltachain.api;

/**
 * A state handed to Deltachain cannot be represented: a JSON value of an unsupported Java type,
 * NaN or an infinity, a lone surrogate in a string, a duplicate member name, or text that is not
 * valid UTF-8. The message names the offending path or offset.
 */
public class InvalidStateException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public InvalidStateException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
