package io.deltachain.api;

/**
 * The root of every exception Deltachain throws on bad input, bad configuration or a failed check.
 *
 * <p>Unchecked, so that callers catch it where they can act on it. Every subtype carries a message
 * that says what was wrong, where (offset, index, key) and, where possible, what to do about it.
 * Deltachain never lets a parser's, an I/O library's or an index exception escape in its place.
 */
public class DeltaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, where, and what to do */
    public DeltaException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure, kept for stack traces
     */
    public DeltaException(String message, Throwable cause) {
        super(message, cause);
    }
}
