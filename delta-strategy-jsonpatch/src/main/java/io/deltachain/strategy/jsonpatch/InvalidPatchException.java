package io.deltachain.strategy.jsonpatch;

/**
 * The patch is malformed whatever document it meets: not an array of operation objects, an unknown {@code op}, a missing or non-string member, a JSON Pointer that is not RFC 6901 syntax, a {@code move} into its own child, a {@code remove} of the whole document.
 * The document is untouched.
 */
public final class InvalidPatchException extends JsonPatchException {
    private static final long serialVersionUID = 1L;

    /**
     * @param problem what was wrong
     * @param operationIndex the failing operation's index, or -1 for the whole patch
     * @param message what, where, and what to do
     */
    public InvalidPatchException(Problem problem, int operationIndex, String message) {
        super(problem, operationIndex, message);
    }
}
