package io.deltachain.strategy.jsonpatch;

import io.deltachain.api.DeltaException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A JSON Patch (RFC 6902) that cannot be applied. Carries its facts: the {@link #problem()}, the
 * index of the failing operation in the patch ({@link #operationIndex()}, empty when the patch as a
 * whole is at fault) and the message, which names the operation as the patch spells it. When this is
 * thrown, the document the patch was applied to is untouched: application is atomic.
 *
 * <p>Subtypes: {@link InvalidPatchException} (the patch is malformed, whatever the document),
 * {@link PatchConflictException} (a well-formed operation does not fit the document) and
 * {@link PatchTestFailedException} (a {@code test} operation found another value).
 */
public class JsonPatchException extends DeltaException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Problem {
        /** The patch is not a JSON array. */
        NOT_AN_ARRAY,
        /** An operation is not a JSON object. */
        NOT_AN_OBJECT,
        /** {@code op} names no RFC 6902 operation. */
        UNKNOWN_OP,
        /** A member the operation needs ({@code op}, {@code path}, {@code from}, {@code value}) is absent. */
        MISSING_MEMBER,
        /** {@code op}, {@code path} or {@code from} is not a string. */
        NOT_A_STRING,
        /** A JSON Pointer is not RFC 6901 syntax: no leading {@code /}, or {@code ~} not followed by 0 or 1. */
        BAD_POINTER,
        /** {@code move} into its own child: {@code from} is a proper prefix of {@code path}. */
        MOVE_INTO_OWN_CHILD,
        /** {@code remove} of the whole document, which leaves no document. */
        REMOVE_ROOT,
        /** A location the operation needs does not exist. */
        NO_SUCH_PATH,
        /** A pointer token on an array is not a decimal index without leading zeros ({@code 01}, {@code 1e0}, {@code -1}). */
        BAD_ARRAY_INDEX,
        /** {@code -} (past the last element) where an existing element is needed: it is valid for {@code add} only. */
        MISUSED_END_OF_ARRAY,
        /** A pointer goes through a string, number, boolean or null. */
        NOT_A_CONTAINER,
        /** A {@code test} operation found another value, or none. */
        TEST_FAILED
    }

    private final Problem problem;
    private final int operationIndex;

    /**
     * @param problem what was wrong
     * @param operationIndex the failing operation's index in the patch, or -1 for the whole patch
     * @param message what, where, and what to do
     */
    public JsonPatchException(Problem problem, int operationIndex, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.operationIndex = operationIndex;
    }

    /** @return what was wrong */
    public Problem problem() {
        return problem;
    }

    /** @return the index (from 0) of the failing operation, or empty when the patch as a whole is at fault */
    public OptionalInt operationIndex() {
        return operationIndex < 0 ? OptionalInt.empty() : OptionalInt.of(operationIndex);
    }
}
