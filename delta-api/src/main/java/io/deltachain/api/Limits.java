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
 *   <li>{@code maxNumberExponent} 1,000,000: absolute decimal exponent of one JSON number;</li>
 *   <li>{@code maxExpansionRatio} 32,768: decoded bytes per encoded byte (and per byte of the base a
 *       patch applies to), beyond an allowance of 1 MiB.</li>
 * </ul>
 *
 * <p><b>The expansion ratio</b> is a zip-bomb check: whatever a decoder produces from {@code e}
 * encoded bytes applied to a base of {@code b} bytes may be at most
 * {@link #EXPANSION_ALLOWANCE_BYTES} + {@code maxExpansionRatio} × ({@code e} + {@code b}) bytes
 * ({@link #maxExpandedBytes}); a codec has no base ({@code b} = 0). Counting the base keeps every
 * real patch within it: a one-byte change to a 256 MiB file is a patch of a few dozen bytes whose
 * output is the base's size again. Decoders check it while decoding, before they allocate for a size
 * a header claims, so that a small input that claims or really produces a huge output is refused
 * after little work; and writers check it before they hand out what they made, so that nothing they
 * write is refused when read back under the same limits. The default is the largest ratio zstd's
 * format can reach at all (a 4-byte block of 128 KiB; deflate, gzip's, stops at 1,032), so that no
 * record a codec of this build compresses is refused by it; what goes beyond it is a patch that
 * makes much more than its base and itself, such as a bzip2 block of zeros in a BSDIFF40 patch, a
 * zero run, or a JSON Patch that copies a value again and again.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return modified copies.
 *
 * @param maxPayloadBytes the largest decoded payload, in bytes
 * @param maxStateBytes the largest state, in canonical bytes
 * @param maxJsonDepth the deepest JSON nesting
 * @param maxNumberLength the longest JSON number literal, in characters
 * @param maxNumberExponent the largest absolute decimal exponent of a JSON number
 * @param maxExpansionRatio the most bytes a decoder may produce per encoded byte and byte of base,
 *     beyond {@link #EXPANSION_ALLOWANCE_BYTES}
 */
public record Limits(long maxPayloadBytes, long maxStateBytes, int maxJsonDepth, int maxNumberLength,
                     int maxNumberExponent, int maxExpansionRatio) {

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
    /**
     * Default bound on decoded bytes per encoded byte and byte of base: 32,768, the ratio of a zstd
     * block of 4 bytes that decodes to 128 KiB, the most any zstd frame reaches.
     */
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 1 << 15;
    /** What any decoder may produce regardless of the ratio: 1 MiB, so that small inputs never meet it. */
    public static final long EXPANSION_ALLOWANCE_BYTES = 1L << 20;

    private static final Limits DEFAULTS = new Limits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_STATE_BYTES,
            DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_NUMBER_EXPONENT, DEFAULT_MAX_EXPANSION_RATIO);

    /** Validates that every bound is positive and that byte bounds fit a Java array. */
    public Limits {
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxStateBytes", maxStateBytes);
        positive("maxJsonDepth", maxJsonDepth);
        positive("maxNumberLength", maxNumberLength);
        positive("maxNumberExponent", maxNumberExponent);
        positive("maxExpansionRatio", maxExpansionRatio);
        if (maxPayloadBytes > Integer.MAX_VALUE || maxStateBytes > Integer.MAX_VALUE) {
            throw new DeltaConfigurationException("byte limits cannot exceed " + Integer.MAX_VALUE
                    + " (the largest Java array); got maxPayloadBytes=" + maxPayloadBytes
                    + ", maxStateBytes=" + maxStateBytes);
        }
    }

    /**
     * The limits of earlier versions, with the default {@link #DEFAULT_MAX_EXPANSION_RATIO}: kept so
     * that code written before the ratio existed compiles and behaves as documented.
     *
     * @param maxPayloadBytes the largest decoded payload, in bytes
     * @param maxStateBytes the largest state, in canonical bytes
     * @param maxJsonDepth the deepest JSON nesting
     * @param maxNumberLength the longest JSON number literal, in characters
     * @param maxNumberExponent the largest absolute decimal exponent of a JSON number
     */
    public Limits(long maxPayloadBytes, long maxStateBytes, int maxJsonDepth, int maxNumberLength,
                  int maxNumberExponent) {
        this(maxPayloadBytes, maxStateBytes, maxJsonDepth, maxNumberLength, maxNumberExponent,
                DEFAULT_MAX_EXPANSION_RATIO);
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
        return new Limits(bytes, maxStateBytes, maxJsonDepth, maxNumberLength, maxNumberExponent,
                maxExpansionRatio);
    }

    /**
     * @param bytes the new bound on a state's canonical bytes
     * @return a copy with that bound
     */
    public Limits withMaxStateBytes(long bytes) {
        return new Limits(maxPayloadBytes, bytes, maxJsonDepth, maxNumberLength, maxNumberExponent,
                maxExpansionRatio);
    }

    /**
     * @param depth the new bound on JSON nesting
     * @return a copy with that bound
     */
    public Limits withMaxJsonDepth(int depth) {
        return new Limits(maxPayloadBytes, maxStateBytes, depth, maxNumberLength, maxNumberExponent,
                maxExpansionRatio);
    }

    /**
     * @param length the new bound on a JSON number literal's length
     * @return a copy with that bound
     */
    public Limits withMaxNumberLength(int length) {
        return new Limits(maxPayloadBytes, maxStateBytes, maxJsonDepth, length, maxNumberExponent,
                maxExpansionRatio);
    }

    /**
     * @param exponent the new bound on a JSON number's absolute decimal exponent
     * @return a copy with that bound
     */
    public Limits withMaxNumberExponent(int exponent) {
        return new Limits(maxPayloadBytes, maxStateBytes, maxJsonDepth, maxNumberLength, exponent,
                maxExpansionRatio);
    }

    /**
     * @param ratio the new bound on decoded bytes per encoded byte and byte of base
     * @return a copy with that bound
     */
    public Limits withMaxExpansionRatio(int ratio) {
        return new Limits(maxPayloadBytes, maxStateBytes, maxJsonDepth, maxNumberLength, maxNumberExponent, ratio);
    }

    /**
     * The most bytes a decoder may produce from {@code encodedBytes} applied to a base of
     * {@code baseBytes}: {@link #EXPANSION_ALLOWANCE_BYTES} + {@link #maxExpansionRatio()} ×
     * ({@code encodedBytes} + {@code baseBytes}), at most {@link Long#MAX_VALUE}. The other limits
     * (payload, state, the largest array) still apply on top of it.
     *
     * @param encodedBytes the encoded input's size (a payload, a native patch, a compressed block)
     * @param baseBytes the size of the base the input applies to; 0 for a codec
     * @return the bound, in bytes
     */
    public long maxExpandedBytes(long encodedBytes, long baseBytes) {
        long inputs = Math.max(0, encodedBytes) + Math.max(0, baseBytes);
        if (inputs > (Long.MAX_VALUE - EXPANSION_ALLOWANCE_BYTES) / maxExpansionRatio) {
            return Long.MAX_VALUE;
        }
        return EXPANSION_ALLOWANCE_BYTES + maxExpansionRatio * inputs;
    }

    /**
     * Refuses a decoded size above {@link #maxExpandedBytes(long, long)}: for a decoder, at the point
     * its output (or the size a header claims, before allocating for it) passes the bound; for a
     * writer, before it hands out an encoding that could not be decoded under these limits.
     *
     * @param decodedBytes what is, or would be, decoded (at least)
     * @param encodedBytes the encoded input's size
     * @param baseBytes the base's size; 0 for a codec
     * @param what what is decoded, for the message (e.g. "gzip payload")
     * @throws LimitExceededException naming {@link Limit#EXPANSION_RATIO}, the sizes and the bound
     */
    public void checkExpansion(long decodedBytes, long encodedBytes, long baseBytes, String what) {
        long allowed = maxExpandedBytes(encodedBytes, baseBytes);
        if (decodedBytes > allowed) {
            throw new LimitExceededException(Limit.EXPANSION_RATIO, decodedBytes, allowed, what + " decodes to at least "
                    + decodedBytes + " bytes from " + encodedBytes + " encoded bytes"
                    + (baseBytes > 0 ? " and a " + baseBytes + "-byte base" : "") + ", above the " + allowed
                    + " that the expansion ratio allows (" + EXPANSION_ALLOWANCE_BYTES + " + " + maxExpansionRatio
                    + " * " + (baseBytes > 0 ? "(" + encodedBytes + " + " + baseBytes + ")" : encodedBytes)
                    + ", Limits.maxExpansionRatio " + maxExpansionRatio + ")");
        }
    }

    /**
     * What a codec may decode from {@code encodedBytes}: the smaller of {@link #maxPayloadBytes()} and
     * {@link #maxExpandedBytes(long, long) maxExpandedBytes(encodedBytes, 0)}.
     *
     * @param encodedBytes the encoded payload's size
     * @return the bound, in bytes
     */
    public long maxDecodedBytes(long encodedBytes) {
        return Math.min(maxPayloadBytes, maxExpandedBytes(encodedBytes, 0));
    }

    /**
     * Refuses what a codec decodes, or would decode, beyond {@link #maxDecodedBytes(long)}, naming
     * whichever bound it passes: the expansion ratio when that is the lower one, else the payload
     * limit.
     *
     * @param decodedBytes what is, or would be, decoded (at least)
     * @param encodedBytes the encoded payload's size
     * @param what what is decoded, for the message (e.g. "gzip payload")
     * @throws LimitExceededException when {@code decodedBytes} is above the bound
     */
    public void checkDecodedSize(long decodedBytes, long encodedBytes, String what) {
        if (maxExpandedBytes(encodedBytes, 0) < maxPayloadBytes) {
            checkExpansion(decodedBytes, encodedBytes, 0, what);
        }
        checkPayloadSize(decodedBytes, what);
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

    /**
     * Refuses work that the heap cannot hold, before allocating for it, instead of an
     * {@link OutOfMemoryError} half-way: the last of the three checks (the limits, the bytes that could
     * produce a size, the free heap) an allocation sized by a claim goes through. Collects garbage once,
     * on the failure path only, before refusing.
     *
     * @param bytes the heap the work needs beyond what is allocated now
     * @param what the work, for the message (e.g. "gzip payload of 300000000 bytes")
     * @throws LimitExceededException naming {@link Limit#HEAP} when the heap cannot hold it
     */
    public static void requireHeap(long bytes, String what) {
        if (bytes <= freeHeap()) {
            return;
        }
        System.gc();
        long free = freeHeap();
        if (bytes > free) {
            long max = Runtime.getRuntime().maxMemory();
            throw new LimitExceededException(Limit.HEAP, bytes, free, what + " needs about " + mib(bytes)
                    + " MiB of heap, but only " + mib(free) + " MiB of " + mib(max) + " MiB are free");
        }
    }

    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
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
