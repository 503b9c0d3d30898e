package io.deltachain.api;

/**
 * Bounds on what decoding and applying may allocate or recurse into. Passed to every decode and
 * apply, so that bytes from an untrusted source can never make Deltachain allocate without bound.
 *
 * <p>Defaults ({@link #defaults()}):
 * <ul>
 *   <li>{@code maxPayloadBytes} 256 MiB: a decoded (decompressed) payload;</li>
 *   <li>{@code maxStateBytes} 2 GiB − 1: the canonical bytes of one state;</li>
 *   <li>{@code maxJsonDepth} 1,000: nesting of JSON arrays and objects;</li>
 *   <li>{@code maxNumberLength} 1,000: characters in one JSON number literal;</li>
 *   <li>{@code maxNumberExponent} 1,000,000: absolute decimal exponent of one JSON number.</li>
 * </ul>
 * Immutable and thread-safe; the {@code with...} methods return modified copies.
 *
 * @param maxPayloadBytes the largest decoded payload, in bytes
 * @param maxStateBytes the largest state, in canonical bytes
 * @param maxJsonDepth the deepest JSON nesting
 * @param maxNumberLength the longest JSON number literal, in characters
 * @param maxNumberExponent the largest absolute decimal exponent of a JSON number
 */
public record Limits(long maxPayloadBytes, long maxStateBytes, int maxJsonDepth, int maxNumberLength,
                     int maxNumberExponent) {

    /** Default bound on a decoded payload: 256 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 256L << 20;
    /** Default bound on a state's canonical bytes: 2 GiB − 1 (the largest Java array). */
    public static final long DEFAULT_MAX_STATE_BYTES = Integer.MAX_VALUE;
    /** Default bound on JSON nesting depth. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 1_000;
    /** Default bound on the characters of a JSON number literal. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;
    /** Default bound on the absolute decimal exponent of a JSON number. */
    public static final int DEFAULT_MAX_NUMBER_EXPONENT = 1_000_000;

    private static final Limits DEFAULTS = new Limits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_STATE_BYTES,
            DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_NUMBER_EXPONENT);

    /** Validates that every bound is positive and that byte bounds fit a Java array. */
    public Limits {
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxStateBytes", maxStateBytes);
        positive("maxJsonDepth", maxJsonDepth);
        positive("maxNumberLength", maxNumberLength);
        positive("maxNumberExponent", maxNumberExponent);
        if (maxPayloadBytes > Integer.MAX_VALUE || maxStateBytes > Integer.MAX_VALUE) {
            throw new DeltaConfigurationException("byte limits cannot exceed " + Integer.MAX_VALUE
                    + " (the largest Java array); got maxPayloadBytes=" + maxPayloadBytes
                    + ", maxStateBytes=" + maxStateBytes);
        }
    }

    /** @return the documented defaults */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes the new bound on a decoded payload
     * @return a copy with that bound
     */
    public Limits withMaxPayloadBytes(long bytes) {
        return new Limits(bytes, maxStateBytes, maxJsonDepth, maxNumberLength, maxNumberExponent);
    }

    /**
     * @param bytes the new bound on a state's canonical bytes
     * @return a copy with that bound
     */
    public Limits withMaxStateBytes(long bytes) {
        return new Limits(maxPayloadBytes, bytes, maxJsonDepth, maxNumberLength, maxNumberExponent);
    }

    /**
     * @param depth the new bound on JSON nesting
     * @return a copy with that bound
     */
    public Limits withMaxJsonDepth(int depth) {
        return new Limits(maxPayloadBytes, maxStateBytes, depth, maxNumberLength, maxNumberExponent);
    }

    /**
     * @param length the new bound on a JSON number literal's length
     * @return a copy with that bound
     */
    public Limits withMaxNumberLength(int length) {
        return new Limits(maxPayloadBytes, maxStateBytes, maxJsonDepth, length, maxNumberExponent);
    }

    /**
     * @param exponent the new bound on a JSON number's absolute decimal exponent
     * @return a copy with that bound
     */
    public Limits withMaxNumberExponent(int exponent) {
        return new Limits(maxPayloadBytes, maxStateBytes, maxJsonDepth, maxNumberLength, exponent);
    }

    /**
     * Refuses a payload size above {@link #maxPayloadBytes()} or below zero.
     *
     * @param size the size a decoder is about to produce or allocate
     * @param what what is being decoded, for the message (e.g. "gzip payload")
     * @throws LimitExceededException when the size is above the bound
     * @throws CorruptDeltaException when the size is negative
     */
    public void checkPayloadSize(long size, String what) {
        check(size, maxPayloadBytes, Limit.PAYLOAD_BYTES, what);
    }

    /**
     * Refuses a state size above {@link #maxStateBytes()} or below zero.
     *
     * @param size the size of the state about to be produced
     * @param what what is being produced, for the message
     * @throws LimitExceededException when the size is above the bound
     * @throws CorruptDeltaException when the size is negative
     */
    public void checkStateSize(long size, String what) {
        check(size, maxStateBytes, Limit.STATE_BYTES, what);
    }

    private static void check(long size, long bound, Limit limit, String what) {
        if (size < 0) {
            throw new CorruptDeltaException(what + " claims a negative size (" + size + ")");
        }
        if (size > bound) {
            throw new LimitExceededException(limit, size, bound, what + " needs " + size
                    + " bytes, above the limit of " + bound + " (Limits." + limit.limitsField().orElseThrow() + ")");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new DeltaConfigurationException(name + " must be positive, got " + value);
        }
    }
}
