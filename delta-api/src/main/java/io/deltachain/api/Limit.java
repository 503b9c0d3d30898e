package io.deltachain.api;

import java.util.Optional;

/**
 * Which bound a {@link LimitExceededException} ran into: one of the {@link Limits} fields, which a
 * caller may raise for trusted input, or a bound of the platform, which no setting raises.
 */
public enum Limit {
    /** {@link Limits#maxPayloadBytes()}: a decoded (decompressed) payload. */
    PAYLOAD_BYTES("maxPayloadBytes"),
    /** {@link Limits#maxStateBytes()}: the canonical bytes of one state, or an input file. */
    STATE_BYTES("maxStateBytes"),
    /** {@link Limits#maxJsonDepth()}: nesting of JSON arrays and objects. */
    JSON_DEPTH("maxJsonDepth"),
    /** {@link Limits#maxNumberLength()}: characters of one JSON number literal. */
    NUMBER_LENGTH("maxNumberLength"),
    /** {@link Limits#maxNumberExponent()}: the absolute decimal exponent of one JSON number. */
    NUMBER_EXPONENT("maxNumberExponent"),
    /**
     * {@link Limits#maxExpansionRatio()}: decoded bytes per encoded byte and byte of base, a
     * decompression or patch bomb ({@link Limits#maxExpandedBytes}).
     */
    EXPANSION_RATIO("maxExpansionRatio"),
    /** The free heap of this JVM: raise {@code -Xmx}. */
    HEAP(null),
    /** The largest Java array, 2<sup>31</sup> − 1 bytes: no setting raises it. */
    ARRAY_SIZE(null),
    /** The calling thread's stack, which a recursive mapper ran out of: raise {@code -Xss} or nest less. */
    STACK(null);

    private final String field;

    Limit(String field) {
        this.field = field;
    }

    /** @return the {@link Limits} component that sets this bound, or empty for a bound of the platform */
    public Optional<String> limitsField() {
        return Optional.ofNullable(field);
    }

    /** @return what the library's own message advises, e.g. "raise it with Limits.withMaxJsonDepth" */
    String advice() {
        return switch (this) {
            case HEAP -> "give the JVM more heap (-Xmx)";
            case ARRAY_SIZE -> "no setting raises it";
            case STACK -> "run it on a thread with a larger stack (-Xss), or nest less deeply";
            default -> "raise it with Limits.with" + Character.toUpperCase(field.charAt(0)) + field.substring(1)
                    + " if the input is trusted";
        };
    }
}
