package io.deltachain.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutation of valid inputs, the build's fuzzing when Jazzer's coverage guidance is not
 * running: bit flips, bytes set to boundary values, lengths and counts forged to huge or negative
 * numbers at every alignment, truncation, extension, and chunks deleted, duplicated or swapped. The
 * same seed gives the same inputs, so a failure reproduces from its test name.
 */
final class Mutations {
    private static final byte[] INTERESTING_BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, '{', '"', '\n', '-'};
    private static final long[] INTERESTING_NUMBERS = {0, 1, -1, 0x7f, 0xff, 0x7fff, 0xffff, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 8L, Integer.MIN_VALUE, 0xffffffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 4 << 20,
        (4 << 20) + 1};

    private final SplittableRandom random;

    Mutations(long seed) {
        random = new SplittableRandom(seed);
    }

    /**
     * @param seed a valid input (not modified)
     * @return a mutated copy: one to four mutations stacked
     */
    byte[] mutate(byte[] seed) {
        byte[] out = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            out = once(out);
        }
        return out;
    }

    private byte[] once(byte[] in) {
        if (in.length == 0) {
            return new byte[] {INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]};
        }
        byte[] out = in.clone();
        int at = random.nextInt(in.length);
        switch (random.nextInt(10)) {
            case 0, 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            case 3 -> out[at] = (byte) random.nextInt(256);
            case 4 -> {
                return number(out, at);
            }
            case 5 -> {
                return Arrays.copyOf(in, random.nextInt(in.length)); // truncated
            }
            case 6 -> {
                byte[] longer = Arrays.copyOf(in, in.length + 1 + random.nextInt(64));
                for (int k = in.length; k < longer.length; k++) {
                    longer[k] = (byte) random.nextInt(256);
                }
                return longer;
            }
            case 7 -> {
                int len = Math.min(in.length - at, 1 + random.nextInt(32));
                byte[] shorter = new byte[in.length - len];
                System.arraycopy(in, 0, shorter, 0, at);
                System.arraycopy(in, at + len, shorter, at, in.length - at - len);
                return shorter;
            }
            case 8 -> {
                int len = Math.min(in.length - at, 1 + random.nextInt(64));
                byte[] longer = new byte[in.length + len];
                System.arraycopy(in, 0, longer, 0, at + len);
                System.arraycopy(in, at, longer, at + len, in.length - at);
                return longer;
            }
            default -> {
                int other = random.nextInt(in.length);
                int len = Math.min(Math.min(in.length - at, in.length - other), 1 + random.nextInt(16));
                byte[] chunk = Arrays.copyOfRange(in, at, at + len);
                System.arraycopy(in, other, out, at, len);
                System.arraycopy(chunk, 0, out, other, len);
            }
        }
        return out;
    }

    /** A length or count forged where one may be: 1, 2, 4 or 8 bytes, either byte order, or a decimal. */
    private byte[] number(byte[] out, int at) {
        long n = INTERESTING_NUMBERS[random.nextInt(INTERESTING_NUMBERS.length)];
        if (random.nextInt(4) == 0) { // as text, for JSON and unified diffs
            byte[] digits = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int len = Math.min(digits.length, out.length - at);
            System.arraycopy(digits, 0, out, at, len);
            return out;
        }
        int width = 1 << random.nextInt(4);
        if (at + width > out.length) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(out, at, width);
        if (random.nextBoolean()) {
            b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        switch (width) {
            case 1 -> b.put((byte) n);
            case 2 -> b.putShort((short) n);
            case 4 -> b.putInt((int) n);
            default -> b.putLong(n);
        }
        return out;
    }
}
