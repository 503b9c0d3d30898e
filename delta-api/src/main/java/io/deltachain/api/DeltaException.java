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
    /**
     * The longest message kept whole, in characters. A message quotes what it found, and hostile
     * input can make that megabytes (a forged header listing 500,000 keys): a longer one keeps its
     * beginning and its end, where the advice is, and says how much it left out.
     */
    public static final int MAX_MESSAGE_LENGTH = 4_000;
    private static final int KEPT_END = 1_000;

    /** @param message what went wrong, where, and what to do */
    public DeltaException(String message) {
        super(bounded(message));
    }

    /**
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure, kept for stack traces
     */
    public DeltaException(String message, Throwable cause) {
        super(bounded(message), cause);
    }

    /**
     * @param message a message, or null
     * @return it, or, when longer than {@link #MAX_MESSAGE_LENGTH}, its beginning and end around a note
     *     of how many characters were left out
     */
    static String bounded(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        int head = MAX_MESSAGE_LENGTH - KEPT_END - 48; // room for the note
        int tail = message.length() - KEPT_END;
        if (Character.isLowSurrogate(message.charAt(head))) {
            head--;
        }
        if (Character.isLowSurrogate(message.charAt(tail))) {
            tail++;
        }
        return message.substring(0, head) + " [... " + (tail - head) + " characters left out ...] "
                + message.substring(tail);
    }
}
