package io.deltachain.strategy.jsonpatch;

/**
 * A well-formed operation does not fit the document: a location that does not exist, an array index that is not a decimal without leading zeros or is past the end, {@code -} where an existing element is needed, a pointer that goes through a scalar.
 * The document is untouched.
 */
public final class PatchConflictException extends JsonPatchException {
    private static final long serialVersionUID = 1L;

    /**
     * @param problem what was wrong
     * @param operationIndex the failing operation's index, or -1 for the whole patch
     * @param message what, where, and what to do
     */
    public PatchConflictException(Problem problem, int operationIndex, String message) {
        super(problem, operationIndex, message);
    }
}
