package io.deltachain.json;

import io.deltachain.api.Limits;
import java.util.Map;

/**
 * Canonical JSON: the byte form Deltachain hashes and compares, specified in {@code docs/FORMAT.md}.
 *
 * <p>Object members sorted by the UTF-16 code units of their names; no whitespace; strings escaped
 * as RFC 8785 says (lone surrogates refused); numbers by exact decimal value in ECMAScript layout
 * ({@code 1}, {@code 1.0} and {@code 1e0} all write {@code 1}; {@code 1e400} writes
 * {@code 1e+400}; {@code -0} writes {@code 0}); a Java {@code Double} or {@code Float} writes the
 * shortest decimal that reads back as the same value; NaN and infinities refused.
 *
 * <p>Java values accepted: {@code null}, {@link Boolean}, {@link String}, {@link Number}
 * ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger},
 * {@code BigDecimal}, {@code Float}, {@code Double}, atomic integers), {@link java.util.List} (and
 * other collections and arrays of objects, written as arrays), {@link Map} with {@code String} keys
 * and {@link com.fasterxml.jackson.databind.JsonNode}. Anything else is an
 * {@link io.deltachain.api.InvalidStateException} naming its JSON Pointer path, as are map keys
 * that are not strings and nesting deeper than 1,000 levels (the default
 * {@link Limits#maxJsonDepth()}; this also stops a map or list that contains itself). Thread-safe.
 *
 * <p>Number layout, exactly: let the value's significant digits with trailing zeros stripped be
 * {@code s} ({@code k} digits) and {@code n} the integer such that the value is
 * {@code s × 10^(n−k)}. If {@code k ≤ n ≤ 21}: the digits then {@code n−k} zeros; if
 * {@code 0 < n ≤ 21}: the digits with a point after the first {@code n}; if {@code −6 < n ≤ 0}:
 * {@code 0.}, {@code −n} zeros, the digits; otherwise the first digit, then {@code .} and the other
 * digits if {@code k > 1}, then {@code e}, the sign of {@code n−1} ({@code +} or {@code -}) and
 * {@code |n−1|}. Negative values get a leading {@code -}; every zero is {@code 0}.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * @param value a JSON value as described in the class documentation
     * @return its canonical UTF-8 bytes
     * @throws io.deltachain.api.InvalidStateException when a value cannot be represented
     */
    public static byte[] write(Object value) {
        return io.deltachain.json.internal.CanonicalWriter.write(value);
    }

    /**
     * Like {@link #write(Object)}, but bounded by {@code limits} instead of the default depth: nesting
     * deeper than {@link Limits#maxJsonDepth()} (which also stops a map or list that contains itself),
     * and a number whose canonical text is longer than {@link Limits#maxNumberLength()} or has an
     * exponent beyond {@link Limits#maxNumberExponent()}, are refused, so that the bytes always read
     * back with {@link #parse} under the same limits.
     *
     * @param value a JSON value as described in the class documentation
     * @param limits the bounds the bytes must read back under
     * @return its canonical UTF-8 bytes
     * @throws io.deltachain.api.LimitExceededException when the value passes one of the limits,
     *     naming the JSON Pointer where
     * @throws io.deltachain.api.InvalidStateException when a value cannot be represented
     */
    public static byte[] write(Object value, Limits limits) {
        return io.deltachain.json.internal.CanonicalWriter.write(value, limits);
    }

    /**
     * @param value a JSON value
     * @return its canonical form as a string
     */
    public static String toString(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Parses any JSON text (not only canonical) into plain Java values: {@code LinkedHashMap}
     * (members in document order), {@code ArrayList}, {@code String}, {@code Boolean}, {@code null},
     * and numbers as {@code Integer}, {@code Long} or {@code BigInteger} for integer literals and
     * {@code BigDecimal} for literals with a fraction or exponent (never {@code double}).
     *
     * @param json UTF-8 JSON text, possibly hostile
     * @param limits bounds on depth, number literals and size; {@link Limits#maxNumberExponent()}
     *     bounds the exponent of a number in scientific notation ({@code e} in {@code d.ddd×10^e};
     *     for a zero, the literal's exponent), checked before the literal is converted
     * @return the value
     * @throws io.deltachain.api.CorruptDeltaException on malformed JSON, invalid UTF-8 or a duplicate
     *     member name, naming the byte offset
     * @throws io.deltachain.api.LimitExceededException when a limit is passed
     */
    public static Object parse(byte[] json, Limits limits) {
        return io.deltachain.json.internal.JsonReader.parse(json, limits);
    }

    /**
     * Like {@link #parse} but requires a top-level object.
     *
     * @param json UTF-8 JSON text
     * @param limits bounds
     * @return the object as a mutable {@code LinkedHashMap}
     * @throws io.deltachain.api.CorruptDeltaException when the text is not a JSON object
     */
    public static Map<String, Object> parseObject(byte[] json, Limits limits) {
        return io.deltachain.json.internal.JsonReader.parseObject(json, limits);
    }
}
