package io.deltachain.strategy.jsonpatch;

/**
 * A {@code test} operation found another value at its path (compared by JSON semantics: {@code 1} equals {@code 1.0}), or nothing.
 * The document is untouched.
 */
public final class PatchTestFailedException extends JsonPatchException {
    private static final long serialVersionUID = 1L;

    /**
     * @param problem what was wrong
     * @param operationIndex the failing operation's index, or -1 for the whole patch
     * @param message what, where, and what to do
     */
    public PatchTestFailedException(Problem problem, int operationIndex, String message) {
        super(problem, operationIndex, message);
    }
}
