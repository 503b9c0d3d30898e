package io.deltachain.testkit;

import java.util.Arrays;
import java.util.Random;

/**
 * Damaged versions of a valid payload, drawn from a seeded {@link Random}: truncations, replaced
 * bytes, flipped bits, a valid prefix with a random tail, trailing bytes and unrelated bytes.
 * Damage near the start reaches header parsing; a kept prefix gets past magic numbers.
 */
final class Corruptions {
    /** Every truncation up to this length is tried on an exhaustive payload. */
    static final int TRUNCATION_BOUND = 512;
    /** Every bit of this many leading bytes is flipped on an exhaustive payload. */
    static final int HEADER_BYTES = 16;
    private static final int RANDOM_CASES = 3;
    private static final int MAX_TAIL = 64;

    private Corruptions() {
    }

    /** Receives one damaged payload and a description of the damage. */
    @FunctionalInterface
    interface Sink {
        void accept(String damage, byte[] garbage);
    }

    /**
     * @param valid a valid payload; not modified
     * @param random the only source of randomness
     * @param exhaustive whether to try every short truncation and every header bit as well
     * @param sink receives each damaged copy
     */
    static void forEach(byte[] valid, Random random, boolean exhaustive, Sink sink) {
        int length = valid.length;
        if (exhaustive) {
            for (int cut = 0; cut < Math.min(length, TRUNCATION_BOUND); cut++) {
                sink.accept(truncation(cut, length), Arrays.copyOf(valid, cut));
            }
            for (int at = 0; at < Math.min(length, HEADER_BYTES); at++) {
                for (int bit = 0; bit < Byte.SIZE; bit++) {
                    sink.accept(bitFlip(at, bit, length), flipBit(valid, at, bit));
                }
            }
        }
        if (length > 0) {
            for (int i = 0; i < RANDOM_CASES; i++) {
                int cut = random.nextInt(length);
                sink.accept(truncation(cut, length), Arrays.copyOf(valid, cut));
            }
            for (int i = 0; i < RANDOM_CASES; i++) {
                int at = random.nextInt(length);
                byte[] damaged = valid.clone();
                int delta = 1 + random.nextInt(255);
                damaged[at] = (byte) (damaged[at] ^ delta);
                sink.accept("byte " + at + " of " + length + " xor 0x" + Integer.toHexString(delta), damaged);
            }
            for (int i = 0; i < RANDOM_CASES; i++) {
                int at = random.nextInt(length);
                int bit = random.nextInt(Byte.SIZE);
                sink.accept(bitFlip(at, bit, length), flipBit(valid, at, bit));
            }
            int keep = random.nextInt(length);
            byte[] tail = randomBytes(random, 1 + random.nextInt(MAX_TAIL));
            sink.accept("first " + keep + " of " + length + " bytes then " + tail.length + " random bytes",
                    concat(Arrays.copyOf(valid, keep), tail));
        }
        byte[] trailing = randomBytes(random, 1 + random.nextInt(MAX_TAIL));
        sink.accept("all " + length + " bytes then " + trailing.length + " random bytes", concat(valid, trailing));
        byte[] unrelated = randomBytes(random, random.nextInt(2 * length + MAX_TAIL));
        sink.accept(unrelated.length + " random bytes", unrelated);
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String truncation(int cut, int length) {
        return "truncated to " + cut + " of " + length + " bytes";
    }

    private static String bitFlip(int at, int bit, int length) {
        return "bit " + bit + " of byte " + at + " of " + length + " flipped";
    }

    private static byte[] flipBit(byte[] valid, int at, int bit) {
        byte[] damaged = valid.clone();
        damaged[at] = (byte) (damaged[at] ^ (1 << bit));
        return damaged;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
