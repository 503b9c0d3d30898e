package io.deltachain.json;

/**
 * JSON semantics for plain Java values (and {@link com.fasterxml.jackson.databind.JsonNode}):
 * equality and deep copies. Two values are equal exactly when their {@link CanonicalJson} bytes are
 * equal: {@code 1}, {@code 1L}, {@code 1.0} and {@code BigDecimal("1.00")} are equal; a boolean never
 * equals a number; member order does not matter. Thread-safe.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * @param a a JSON value
     * @param b a JSON value
     * @return whether the two mean the same JSON value
     * @throws io.deltachain.api.InvalidStateException when either cannot be represented
     */
    public static boolean equal(Object a, Object b) {
        return io.deltachain.json.internal.JsonSemantics.equal(a, b);
    }

    /**
     * Copies maps into {@code LinkedHashMap}s (same member order) and lists, collections and object
     * arrays into {@code ArrayList}s, recursively; immutable leaves (strings, numbers, booleans) are
     * shared; atomic integers are copied into new atomics; {@code JsonNode}s are deep-copied. The copy
     * shares no mutable object with the original. The value is checked as
     * {@link CanonicalJson#write} checks it, so a copy can always be written.
     *
     * @param value a JSON value
     * @return a deep copy
     * @throws io.deltachain.api.InvalidStateException when a value cannot be represented
     */
    public static Object deepCopy(Object value) {
        return io.deltachain.json.internal.JsonSemantics.deepCopy(value);
    }

    /**
     * Refuses a value that, placed inside {@code enclosing} containers, would nest deeper than
     * {@link io.deltachain.api.Limits#maxJsonDepth()}: for a strategy that builds a state from a patch,
     * so that a result which could not be read back (or written) is a named refusal, not a
     * {@code StackOverflowError} later. Walks iteratively and stops at the first container past the
     * bound, so a value that contains itself ends too.
     *
     * @param value a JSON value: maps, collections, object arrays and {@code JsonNode}s nest
     * @param enclosing how many containers will hold it (0 for a whole document)
     * @param limits the bound
     * @param where what and where, for the message, e.g. "the value that json-patch operation 3 adds at /a/b"
     * @throws io.deltachain.api.LimitExceededException naming {@link io.deltachain.api.Limit#JSON_DEPTH}
     */
    public static void checkDepth(Object value, int enclosing, io.deltachain.api.Limits limits, String where) {
        io.deltachain.json.internal.JsonSemantics.checkDepth(value, enclosing, limits, where);
    }
}
